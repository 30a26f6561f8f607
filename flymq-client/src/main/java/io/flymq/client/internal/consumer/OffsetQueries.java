package io.flymq.client.internal.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.OffsetAndMetadata;
import io.flymq.client.consumer.OffsetAndTimestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The consumer's blocking offset questions: committed offsets, log start and end offsets, offsets
 * by timestamp, a partition's position, and seeking to the log start or end. Each call starts its
 * look-ups (through {@link OffsetLookups}) for all partitions at once, then waits for every one.
 *
 * <p>Polling thread only, like the {@link SubscriptionState} whose positions it reads and moves.
 */
public final class OffsetQueries {
  private final OffsetLookups lookups;
  private final SubscriptionState subscriptions;

  /**
   * @param lookups sends the look-ups
   * @param subscriptions the assigned partitions, whose positions seeks move
   */
  public OffsetQueries(OffsetLookups lookups, SubscriptionState subscriptions) {
    this.lookups = lookups;
    this.subscriptions = subscriptions;
  }

  /**
   * The group's committed offsets; partitions without a commit are absent.
   *
   * @param groupMember read with GROUP_OFFSETS (which keeps the metadata), else with v1 look-ups
   * @throws io.flymq.client.errors.FlyMQException if a look-up failed
   */
  public Map<TopicPartition, OffsetAndMetadata> committed(
      Set<TopicPartition> partitions, boolean groupMember) {
    if (groupMember) {
      return FlyMQClient.await(lookups.groupOffsets(partitions));
    }
    Map<TopicPartition, OffsetAndMetadata> committed = new LinkedHashMap<>();
    lookUpAll(partitions, lookups::committed)
        .forEach(
            (tp, offset) -> {
              if (offset != null) {
                committed.put(tp, OffsetAndMetadata.of(offset));
              }
            });
    return committed;
  }

  /**
   * Moves these partitions (every assigned one when empty) to their log start.
   *
   * @throws IllegalStateException if a partition is not assigned
   */
  public void seekToBeginning(Collection<TopicPartition> partitions) {
    seekAll(partitions, lookups::logStart);
  }

  /**
   * Moves these partitions (every assigned one when empty) to their log end.
   *
   * @throws IllegalStateException if a partition is not assigned
   */
  public void seekToEnd(Collection<TopicPartition> partitions) {
    seekAll(partitions, lookups::logEnd);
  }

  private void seekAll(
      Collection<TopicPartition> partitions,
      Function<TopicPartition, CompletableFuture<Long>> lookup) {
    Collection<TopicPartition> targets =
        partitions.isEmpty() ? subscriptions.assigned() : partitions;
    targets.forEach(subscriptions::require);
    lookUpAll(targets, lookup).forEach((tp, offset) -> subscriptions.require(tp).seek(offset));
  }

  /**
   * The partition's position, looked up first if it is not known yet.
   *
   * @throws IllegalStateException if the partition is not assigned
   */
  public long position(TopicPartition partition) {
    return lookups.awaitPosition(subscriptions.require(partition));
  }

  /**
   * For each partition, the first offset with a timestamp at or after the given one; null when
   * every record is older.
   *
   * @param timestamps non-negative, checked by the caller
   */
  public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
      Map<TopicPartition, Long> timestamps) {
    Map<TopicPartition, Long> found =
        lookUpAll(timestamps.keySet(), tp -> lookups.offsetForTimestamp(tp, timestamps.get(tp)));
    Map<TopicPartition, Long> ends = lookUpAll(timestamps.keySet(), lookups::logEnd);
    Map<TopicPartition, OffsetAndTimestamp> result = new HashMap<>();
    // The broker answers the log end when no record is that recent: no such offset.
    found.forEach(
        (tp, offset) ->
            result.put(
                tp,
                offset >= ends.get(tp)
                    ? null
                    : new OffsetAndTimestamp(offset, timestamps.get(tp))));
    return result;
  }

  /** The log start offsets. */
  public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
    return lookUpAll(partitions, lookups::logStart);
  }

  /** The log end offsets. */
  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
    return lookUpAll(partitions, lookups::logEnd);
  }

  /** Runs the look-ups in parallel and waits for all; null results are kept. */
  private static Map<TopicPartition, Long> lookUpAll(
      Collection<TopicPartition> partitions,
      Function<TopicPartition, CompletableFuture<Long>> lookup) {
    Map<TopicPartition, CompletableFuture<Long>> pending = new LinkedHashMap<>();
    for (TopicPartition tp : new LinkedHashSet<>(partitions)) {
      pending.put(tp, lookup.apply(tp));
    }
    Map<TopicPartition, Long> results = new LinkedHashMap<>();
    pending.forEach((tp, future) -> results.put(tp, FlyMQClient.await(future)));
    return results;
  }
}
