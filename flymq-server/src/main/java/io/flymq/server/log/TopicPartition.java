package io.flymq.server.log;

import java.util.Objects;

/** A partition of a topic. Its log lives in {@code <data_dir>/<topic>-<partition>}. */
public record TopicPartition(String topic, int partition) {
  public TopicPartition {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
    }
  }

  /** The directory name of this partition's log. */
  public String directoryName() {
    return topic + "-" + partition;
  }

  @Override
  public String toString() {
    return topic + "[" + partition + "]";
  }
}
