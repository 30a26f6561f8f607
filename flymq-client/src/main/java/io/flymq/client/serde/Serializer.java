package io.flymq.client.serde;

/**
 * Turns a key or value into bytes for the producer. Implementations must be thread-safe: one
 * producer calls them from every sending thread.
 *
 * @param <T> the type serialized
 */
@FunctionalInterface
public interface Serializer<T> {
  /**
   * @param topic the record's topic
   * @param data the key or value; may be null
   * @return the bytes, or null for a null key or value (a tombstone in compacted topics)
   */
  byte[] serialize(String topic, T data);
}
