package io.flymq.client.internal.consumer;

import io.flymq.client.TopicPartition;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides which partitions a consumer reads. Today: a fixed list ({@code assign}) or every
 * partition of the subscribed topics ({@link TopicSubscription}); a group coordinator that splits
 * partitions between the members of a group will be a third implementation, consulted the same way.
 *
 * <p>Implementations are used from the polling thread only and must not block in {@link
 * #current()}; they may complete their own I/O on other threads.
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
