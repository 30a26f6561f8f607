package io.flymq.client.internal.consumer;

import io.flymq.client.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partitions a consumer reads and their {@link PartitionState}s, in assignment order. Replacing
 * the assignment keeps the state (position, pause) of partitions that stay and forgets the others.
 *
 * <p>Epochs come from one counter for all partitions, so a partition that is dropped and assigned
 * again never reuses an epoch an in-flight fetch was sent with.
 *
 * <p>Not thread-safe: only the consumer's polling thread touches it.
 */
public final class SubscriptionState {
  private final Map<TopicPartition, PartitionState> partitions = new LinkedHashMap<>();
  private long epochs;

  /**
   * Replaces the assignment.
   *
   * @return the partitions that were dropped
   */
  public Set<TopicPartition> assign(Collection<TopicPartition> assignment) {
    Set<TopicPartition> wanted = new LinkedHashSet<>(assignment);
    Set<TopicPartition> dropped = new LinkedHashSet<>(partitions.keySet());
    dropped.removeAll(wanted);
    partitions.keySet().removeAll(dropped);
    for (TopicPartition partition : wanted) {
      partitions.computeIfAbsent(partition, p -> new PartitionState(p, this));
    }
    return dropped;
  }

  /** The assigned partitions, in assignment order; a read-only view. */
  public Set<TopicPartition> assigned() {
    return Collections.unmodifiableSet(partitions.keySet());
  }

  /** The state of an assigned partition, or null. */
  public PartitionState state(TopicPartition partition) {
    return partitions.get(partition);
  }

  /**
   * The state of an assigned partition.
   *
   * @throws IllegalStateException if the partition is not assigned
   */
  public PartitionState require(TopicPartition partition) {
    PartitionState state = partitions.get(partition);
    if (state == null) {
      throw new IllegalStateException(
          "partition: "
              + partition
              + " (expected: one of the assigned partitions "
              + partitions.keySet()
              + "; assign or subscribe first)");
    }
    return state;
  }

  /** Every partition's state, in assignment order; a read-only view. */
  public Collection<PartitionState> states() {
    return Collections.unmodifiableCollection(partitions.values());
  }

  /** The states in a rotated order starting at {@code first}, for fair draining. */
  List<PartitionState> rotated(int first) {
    List<PartitionState> all = new ArrayList<>(partitions.values());
    if (!all.isEmpty()) {
      Collections.rotate(all, -(first % all.size()));
    }
    return all;
  }

  /** The paused partitions. */
  public Set<TopicPartition> paused() {
    Set<TopicPartition> paused = new LinkedHashSet<>();
    for (PartitionState state : partitions.values()) {
      if (state.paused()) {
        paused.add(state.partition());
      }
    }
    return paused;
  }

  long nextEpoch() {
    return ++epochs;
  }
}
