package io.flymq.client;

import java.util.Objects;

/**
 * A topic and one of its partitions. Immutable; usable as a map key.
 *
 * @param topic the topic name
 * @param partition the partition number, {@code >= 0}
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {
  /**
   * @throws IllegalArgumentException if the partition is negative
   */
  public TopicPartition {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
    }
  }

  /** Orders by topic, then partition. */
  @Override
  public int compareTo(TopicPartition other) {
    int byTopic = topic.compareTo(other.topic);
    return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
  }

  /** {@code topic-partition}, as Kafka prints it. */
  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
