package io.flymq.client.internal.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerConfig;
import io.flymq.client.consumer.ConsumerConfig.AutoOffsetReset;
import io.flymq.client.consumer.OffsetAndMetadata;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.errors.OffsetOutOfRangeException;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.GroupOffsetsRequest;
import io.flymq.protocol.message.membership.GroupOffsetsResponse;
import io.flymq.protocol.message.membership.PartitionRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Finds where partitions start: the group's committed offset when there is one (GROUP_OFFSETS for a
 * group member, else v1 GET_OFFSET), else the {@code auto.offset.reset} policy (log start or log
 * end); and after a fetch found a position outside the log, the policy alone. Also the plain offset
 * look-ups the consumer API offers (log start and end, commits, offsets by timestamp). Look-ups use
 * an empty group id, so they never create or move a group's offsets.
 *
 * <p>Start positions are looked up asynchronously: {@link #update} starts missing look-ups and
 * applies finished ones on each poll, so a poll never blocks on them; {@link #awaitPosition} waits
 * for one. Called from the polling thread only; the futures complete on the client's I/O thread and
 * then run the {@code onComplete} callback.
 */
public final class OffsetLookups {
  private static final String LOOKUP_ONLY = "";

  private final FlyMQClient client;
  private final String groupId;
  private final AutoOffsetReset policy;
  private final Runnable onComplete;
  private boolean groupOffsets;

  /**
   * @param client sends the look-ups
   * @param config the group id and the reset policy
   * @param onComplete called (on the I/O thread) when a start position look-up finishes
   */
  public OffsetLookups(FlyMQClient client, ConsumerConfig config, Runnable onComplete) {
    this.client = client;
    this.groupId = config.groupId().orElse(null);
    this.policy = config.autoOffsetReset();
    this.onComplete = onComplete;
  }

  /**
   * Whether start positions come from GROUP_OFFSETS (a group member) rather than v1 GET_OFFSET.
   * Polling thread only.
   */
  public void useGroupOffsets(boolean groupOffsets) {
    this.groupOffsets = groupOffsets;
  }

  /**
   * Starts a look-up for each partition without a position or out of range, and moves partitions
   * whose look-up finished to the offset found.
   *
   * @throws OffsetOutOfRangeException with policy {@code none}, for a partition out of range or
   *     without a committed offset; it is thrown again on each call until the partition is sought
   * @throws FlyMQException when a look-up failed for good (e.g. the topic does not exist)
   */
  public void update(SubscriptionState subscriptions) {
    for (PartitionState state : subscriptions.states()) {
      if (state.outOfRange() && policy == AutoOffsetReset.NONE) {
        throw new OffsetOutOfRangeException(
            state.partition()
                + ": position "
                + state.position()
                + " is outside the log and auto.offset.reset is none");
      }
      startIfNeeded(state);
      if (state.lookup() != null && state.lookup().isDone()) {
        apply(state);
      }
    }
  }

  /**
   * Waits until a partition has a position, looking it up if needed.
   *
   * @return the position
   * @throws OffsetOutOfRangeException with policy {@code none} and no committed offset
   * @throws FlyMQException when the look-up fails
   */
  public long awaitPosition(PartitionState state) {
    while (!state.hasPosition()) {
      startIfNeeded(state);
      CompletableFuture<Long> lookup = state.lookup();
      try {
        lookup.join();
      } catch (CompletionException e) {
        // apply() reports the failure with its own type.
      }
      apply(state);
    }
    return state.position();
  }

  private void startIfNeeded(PartitionState state) {
    if (state.lookup() != null) {
      return;
    }
    CompletableFuture<Long> lookup;
    if (state.outOfRange()) {
      lookup = reset(state.partition());
    } else if (!state.hasPosition()) {
      lookup = start(state.partition());
    } else {
      return;
    }
    state.lookup(lookup);
    lookup.whenComplete((offset, error) -> onComplete.run());
  }

  private void apply(PartitionState state) {
    CompletableFuture<Long> lookup = state.lookup();
    state.lookup(null);
    try {
      state.seek(lookup.get());
    } catch (ExecutionException e) {
      throw asFlyMQ(e.getCause(), "looking up the start of " + state.partition());
    } catch (InterruptedException e) {
      // Unreachable: the future is done, so get() does not wait.
      Thread.currentThread().interrupt();
    }
  }

  /** The committed offset, else the policy's offset. */
  private CompletableFuture<Long> start(TopicPartition tp) {
    if (groupId == null) {
      return reset(tp);
    }
    if (groupOffsets) {
      return groupOffsets(List.of(tp))
          .thenCompose(found -> found.containsKey(tp) ? done(found.get(tp).offset()) : reset(tp));
    }
    return committed(tp).thenCompose(offset -> offset != null ? done(offset) : reset(tp));
  }

  private CompletableFuture<Long> reset(TopicPartition tp) {
    switch (policy) {
      case EARLIEST:
        return logStart(tp);
      case LATEST:
        return logEnd(tp);
      default:
        return CompletableFuture.failedFuture(
            new OffsetOutOfRangeException(
                tp
                    + ": no committed offset for group "
                    + (groupId == null ? "(none)" : groupId)
                    + " and auto.offset.reset is none"));
    }
  }

  /** The log start offset. */
  public CompletableFuture<Long> logStart(TopicPartition tp) {
    return client.subscribeAsync(tp.topic(), LOOKUP_ONLY, tp.partition(), "earliest");
  }

  /** The log end offset: the offset the next record will get. */
  public CompletableFuture<Long> logEnd(TopicPartition tp) {
    return client.subscribeAsync(tp.topic(), LOOKUP_ONLY, tp.partition(), "latest");
  }

  /**
   * The group's committed offset, or null when the group has none. The broker answers 0 for a
   * partition the group never committed if it committed another partition of the topic.
   *
   * @throws IllegalStateException if no group id is configured
   */
  public CompletableFuture<Long> committed(TopicPartition tp) {
    requireGroup("read committed offsets");
    return client
        .committedOffsetAsync(tp.topic(), groupId, tp.partition())
        .handle(
            (offset, error) -> {
              if (error == null) {
                return done(offset);
              }
              Throwable cause = unwrap(error);
              if (cause instanceof FlyMQException
                  && ((FlyMQException) cause).code() == ErrorCode.GROUP_NOT_FOUND) {
                return done((Long) null);
              }
              return CompletableFuture.<Long>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  /**
   * The group's committed offsets with their metadata (GROUP_OFFSETS); partitions without a commit
   * are absent.
   *
   * @throws IllegalStateException if no group id is configured
   */
  public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> groupOffsets(
      Collection<TopicPartition> partitions) {
    requireGroup("read committed offsets");
    List<PartitionRef> refs = new ArrayList<>();
    partitions.forEach(tp -> refs.add(new PartitionRef(tp.topic(), tp.partition())));
    return client
        .call(new GroupOffsetsRequest(groupId, refs))
        .thenApply(
            reply -> {
              Map<TopicPartition, OffsetAndMetadata> found = new LinkedHashMap<>();
              for (GroupOffsetsResponse.Committed c : ((GroupOffsetsResponse) reply).offsets()) {
                if (c.offset() >= 0) {
                  found.put(
                      new TopicPartition(c.topic(), c.partition()),
                      new OffsetAndMetadata(c.offset(), c.metadata()));
                }
              }
              return found;
            });
  }

  /** The first offset with a timestamp at or after {@code timestampMs}, or the log end. */
  public CompletableFuture<Long> offsetForTimestamp(TopicPartition tp, long timestampMs) {
    return client.offsetForTimestampAsync(tp.topic(), LOOKUP_ONLY, tp.partition(), timestampMs);
  }

  /**
   * @throws IllegalStateException if no group id is configured
   */
  void requireGroup(String action) {
    if (groupId == null) {
      throw new IllegalStateException(
          "group.id: (not set) (expected: a group id to "
              + action
              + "; set group.id in the consumer config)");
    }
  }

  private static CompletableFuture<Long> done(Long offset) {
    return CompletableFuture.completedFuture(offset);
  }

  static Throwable unwrap(Throwable error) {
    return (error instanceof CompletionException || error instanceof ExecutionException)
            && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** The failure as a {@link FlyMQException}, its own type kept when it is one. */
  static FlyMQException asFlyMQ(Throwable error, String what) {
    Throwable cause = unwrap(error);
    if (cause instanceof FlyMQException) {
      return (FlyMQException) cause;
    }
    return new FlyMQException(
        ErrorCode.UNCLASSIFIED, what + " failed: " + cause, "See the cause.", false, cause);
  }
}
