package io.flymq.client.consumer;

import io.flymq.client.TopicPartition;
import io.flymq.record.Header;
import java.util.List;

/**
 * A record returned by {@link Consumer#poll}. Immutable.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset
 * @param timestamp ms since the epoch (create time, or log-append time for such topics)
 * @param key the deserialized key, or null
 * @param value the deserialized value, or null
 * @param headers the headers, in order
 * @param <K> the key type
 * @param <V> the value type
 */
public record ConsumerRecord<K, V>(
    String topic,
    int partition,
    long offset,
    long timestamp,
    K key,
    V value,
    List<Header> headers) {
  /** The record's topic and partition. */
  public TopicPartition topicPartition() {
    return new TopicPartition(topic, partition);
  }
}
