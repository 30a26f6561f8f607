package io.flymq.client.producer;

/**
 * Where an acknowledged record was written.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset; -1 when sent with {@code acks=0} (not known)
 * @param timestamp the record's timestamp: the create time it was sent with, or the broker's append
 *     time for topics that use log-append time
 * @param serializedKeySize the key's size in bytes, -1 for a null key
 * @param serializedValueSize the value's size in bytes, -1 for a null value
 */
public record RecordMetadata(
    String topic,
    int partition,
    long offset,
    long timestamp,
    int serializedKeySize,
    int serializedValueSize) {

  /** Whether the offset is known (it is not with {@code acks=0}). */
  public boolean hasOffset() {
    return offset >= 0;
  }
}
