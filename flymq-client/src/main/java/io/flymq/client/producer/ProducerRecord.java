package io.flymq.client.producer;

import io.flymq.record.Header;
import java.util.List;
import java.util.Objects;

/**
 * A record to send: topic, optional partition, optional timestamp, key, value and headers.
 * Immutable.
 *
 * <p>Partition: when null, a keyed record goes to {@code fnv1a32(key) mod partitions} (the same
 * choice the broker makes, WIRE-V1 16.1) and a keyless one to the producer's current "sticky"
 * partition, which changes when a batch is sent. Timestamp: when null, the producer's clock at
 * {@code send}.
 *
 * @param topic the topic
 * @param partition the partition, or null to let the producer choose
 * @param timestamp ms since the epoch, or null for now
 * @param key the key, or null
 * @param value the value, or null (a tombstone on compacted topics)
 * @param headers the headers, in order; may be empty
 * @param <K> the key type
 * @param <V> the value type
 */
public record ProducerRecord<K, V>(
    String topic, Integer partition, Long timestamp, K key, V value, List<Header> headers) {
  /**
   * @throws IllegalArgumentException if the partition or the timestamp is negative
   */
  public ProducerRecord {
    Objects.requireNonNull(topic, "topic");
    if (partition != null && partition < 0) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0 or null)");
    }
    if (timestamp != null && timestamp < 0) {
      throw new IllegalArgumentException("timestamp: " + timestamp + " (expected: >= 0 or null)");
    }
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** A keyless record. */
  public static <K, V> ProducerRecord<K, V> of(String topic, V value) {
    return new ProducerRecord<>(topic, null, null, null, value, List.of());
  }

  /** A keyed record. */
  public static <K, V> ProducerRecord<K, V> of(String topic, K key, V value) {
    return new ProducerRecord<>(topic, null, null, key, value, List.of());
  }

  /** A copy with these headers. */
  public ProducerRecord<K, V> withHeaders(List<Header> headers) {
    return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
  }

  /** A copy bound to {@code partition}. */
  public ProducerRecord<K, V> withPartition(int partition) {
    return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
  }
}
