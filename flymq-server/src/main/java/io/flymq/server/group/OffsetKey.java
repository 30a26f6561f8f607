package io.flymq.server.group;

import java.util.Objects;

/**
 * The slot a committed offset lives in: one partition of one topic, for one group. In v1 the same
 * group id on two topics is two unrelated groups (WIRE-V1 13), which this key models naturally.
 *
 * @param group the group id (may be empty: the reference accepts COMMIT without one)
 * @param topic the topic
 * @param partition the partition, {@code >= 0}
 */
public record OffsetKey(String group, String topic, int partition) {
  public OffsetKey {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
    }
  }

  @Override
  public String toString() {
    return group + "@" + topic + "[" + partition + "]";
  }
}
