package io.flymq.client.internal.consumer;

import io.flymq.client.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides which partitions a consumer reads: a fixed list ({@code assign}), every partition of the
 * subscribed topics ({@link TopicSubscription}), or the partitions a group's coordinator assigns
 * this member ({@link GroupMembership}).
 *
 * <p>Implementations are used from the polling thread only and must not block in {@link #current()}
 * beyond a bounded wait (a group member commits revoked partitions there); they may complete their
 * own I/O on other threads.
 */
public interface AssignmentSource {
  /**
   * The partitions to read now, or null while not known yet (the consumer keeps its current
   * assignment meanwhile). Called on every poll iteration.
   *
   * @throws io.flymq.client.errors.FlyMQException when the assignment cannot be made (e.g. a
   *     subscribed topic does not exist); the next call tries again
   */
  Set<TopicPartition> current();

  /** The subscribed topics; empty for a fixed assignment. */
  Set<String> topics();

  /**
   * The consumer stops using this source (unsubscribe, another subscription or assignment, or
   * close), on the polling thread; a group membership leaves its group here. Does nothing by
   * default.
   *
   * @param closing whether the consumer is closing
   * @param timeout how long it may wait for the broker
   */
  default void release(boolean closing, Duration timeout) {}

  /** A fixed assignment, as {@code Consumer.assign} makes. */
  static AssignmentSource fixed(Collection<TopicPartition> partitions) {
    Set<TopicPartition> copy = Set.copyOf(new LinkedHashSet<>(partitions));
    return new AssignmentSource() {
      @Override
      public Set<TopicPartition> current() {
        return copy;
      }

      @Override
      public Set<String> topics() {
        return Set.of();
      }
    };
  }
}
