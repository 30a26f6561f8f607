package io.flymq.client.serde;

/**
 * Turns the bytes of a fetched key or value back into an object for the consumer. Called from the
 * thread that calls {@code poll}.
 *
 * @param <T> the type produced
 */
@FunctionalInterface
public interface Deserializer<T> {
  /**
   * @param topic the record's topic
   * @param data the bytes, or null when the record has no key (or a null value)
   * @return the object; null for null data unless the format says otherwise
   * @throws io.flymq.client.errors.FlyMQException or {@link IllegalArgumentException} when the
   *     bytes are not in the expected format; {@code poll} reports it with the record's position
   */
  T deserialize(String topic, byte[] data);
}
