package io.flymq.client.internal.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerConfig;
import io.flymq.client.consumer.ConsumerGroupMetadata;
import io.flymq.client.consumer.OffsetAndMetadata;
import io.flymq.client.consumer.OffsetCommitCallback;
import io.flymq.client.errors.FlyMQException;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.GroupCommitRequest.CommitEntry;
import io.flymq.protocol.message.membership.GroupCommitResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a group's offsets and runs auto-commit: every {@code auto.commit.interval.ms}, checked
 * from {@code poll}, it commits the positions that changed since the last successful commit,
 * without waiting.
 *
 * <p>A group member ({@link #member}) commits with one GROUP_COMMIT carrying its member id,
 * generation and the metadata, and only partitions it owns: the coordinator fences everything else,
 * so a commit naming another partition fails here before anything is sent, an UNKNOWN_MEMBER answer
 * tells the membership it was removed, and a STALE_GENERATION answer that its generation needs a
 * refresh (the commit fails; it is never resent under another generation). Any other consumer
 * ({@code assign}, or no group membership) commits with v1 COMMIT, one request per partition (all
 * in flight at once), where {@link OffsetAndMetadata#metadata()} is dropped.
 *
 * <p>Called from the polling thread; the bookkeeping of auto-committed offsets is updated from the
 * I/O thread, so it is a synchronized map.
 */
public final class Committer {
  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

  private final FlyMQClient client;
  private final OffsetLookups lookups;
  private final String groupId;
  private final boolean autoCommit;
  private final long intervalNanos;
  private final Map<TopicPartition, Long> lastCommitted =
      Collections.synchronizedMap(new HashMap<>());
  private final SubscriptionState subscriptions;
  private long nextAutoCommitNanos;
  private GroupMembership membership;

  /**
   * @param client sends the commits
   * @param config the group id and the auto-commit settings
   * @param lookups checks that a group is configured
   * @param subscriptions the partitions the consumer owns
   * @param nowNanos the current {@link System#nanoTime()}
   */
  public Committer(
      FlyMQClient client,
      ConsumerConfig config,
      OffsetLookups lookups,
      SubscriptionState subscriptions,
      long nowNanos) {
    this.client = client;
    this.subscriptions = subscriptions;
    this.lookups = lookups;
    this.groupId = config.groupId().orElse(null);
    this.autoCommit = config.enableAutoCommit();
    this.intervalNanos = config.autoCommitInterval().toNanos();
    this.nextAutoCommitNanos = nowNanos + intervalNanos;
  }

  /** Whether auto-commit is on. */
  public boolean autoCommit() {
    return autoCommit;
  }

  /** Commits as this group member from now on; null: commit with v1 COMMIT (not a member). */
  public void member(GroupMembership membership) {
    this.membership = membership;
  }

  /**
   * Commits these offsets.
   *
   * @return completes when every partition's commit is stored, or with the first failure
   *     (PARTITION_NOT_ASSIGNED, without sending anything, when a group member names a partition it
   *     does not own)
   * @throws IllegalStateException if no group id is configured
   */
  public CompletableFuture<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    lookups.requireGroup("commit offsets");
    if (membership != null) {
      return commitAsMember(membership, offsets);
    }
    List<CompletableFuture<Void>> commits = new ArrayList<>(offsets.size());
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
      TopicPartition tp = entry.getKey();
      long offset = entry.getValue().offset();
      commits.add(
          client
              .commitAsync(tp.topic(), groupId, tp.partition(), offset)
              .thenRun(() -> lastCommitted.put(tp, offset)));
    }
    return CompletableFuture.allOf(commits.toArray(new CompletableFuture<?>[0]));
  }

  private CompletableFuture<Void> commitAsMember(
      GroupMembership member, Map<TopicPartition, OffsetAndMetadata> offsets) {
    Set<TopicPartition> notOwned = new LinkedHashSet<>(offsets.keySet());
    notOwned.removeAll(subscriptions.assigned());
    if (!notOwned.isEmpty()) {
      return CompletableFuture.failedFuture(
          new FlyMQException(
              ErrorCode.PARTITION_NOT_ASSIGNED,
              "commit of "
                  + notOwned
                  + " for group "
                  + groupId
                  + ": not owned by this consumer (expected: partitions of its assignment "
                  + subscriptions.assigned()
                  + "); nothing was committed",
              "Commit only partitions the consumer owns; commit revoked ones in"
                  + " ConsumerRebalanceListener.onPartitionsRevoked, before they move.",
              false,
              null));
    }
    if (offsets.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    ConsumerGroupMetadata identity = member.metadata();
    if (identity.memberId().isEmpty()) {
      return CompletableFuture.failedFuture(
          new FlyMQException(
              ErrorCode.UNKNOWN_MEMBER,
              "commit of "
                  + offsets.keySet()
                  + ": the consumer is not a member of group "
                  + groupId
                  + " now (expected: a joined member); nothing was committed"));
    }
    List<CommitEntry> entries = new ArrayList<>(offsets.size());
    offsets.forEach(
        (tp, om) ->
            entries.add(new CommitEntry(tp.topic(), tp.partition(), om.offset(), om.metadata())));
    GroupCommitRequest request =
        new GroupCommitRequest(groupId, identity.memberId(), identity.generation(), entries);
    return client
        .call(request)
        .thenAccept(reply -> checkResults(member, request, offsets, (GroupCommitResponse) reply));
  }

  private void checkResults(
      GroupMembership member,
      GroupCommitRequest request,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      GroupCommitResponse response) {
    Map<ErrorCode, List<TopicPartition>> failed = new LinkedHashMap<>();
    for (GroupCommitResponse.Result result : response.results()) {
      TopicPartition tp = new TopicPartition(result.topic(), result.partition());
      OffsetAndMetadata sent = offsets.get(tp);
      if (result.errorCode() != ErrorCode.NONE) {
        failed.computeIfAbsent(result.errorCode(), code -> new ArrayList<>()).add(tp);
      } else if (sent != null) {
        lastCommitted.put(tp, sent.offset());
      }
    }
    if (failed.isEmpty()) {
      return;
    }
    if (failed.containsKey(ErrorCode.UNKNOWN_MEMBER)) {
      member.removed("commit fenced: the coordinator no longer knows " + request.memberId());
    }
    if (failed.containsKey(ErrorCode.STALE_GENERATION)) {
      member.staleGeneration(request.generation());
    }
    Map.Entry<ErrorCode, List<TopicPartition>> first = failed.entrySet().iterator().next();
    throw failure(request, first.getKey(), first.getValue());
  }

  private FlyMQException failure(
      GroupCommitRequest request, ErrorCode code, List<TopicPartition> partitions) {
    String what =
        "commit of "
            + partitions
            + " for group "
            + groupId
            + " as member "
            + request.memberId()
            + " (generation "
            + request.generation()
            + "): "
            + code;
    if (code != ErrorCode.STALE_GENERATION) {
      return FlyMQException.of(code, what);
    }
    // Not retried here: the offsets were chosen under the old generation, and the refreshed
    // assignment may no longer contain their partitions.
    return new FlyMQException(
        code,
        what
            + "; the group coordinator counts this member from a later generation, so nothing of"
            + " this commit was stored",
        "The group changed since this member's generation: the next poll() refreshes the"
            + " membership (reporting moved partitions to onPartitionsRevoked), then commit again"
            + " the offsets of the partitions still assigned.",
        false,
        null);
  }

  /**
   * {@link #commit} that tells {@code callback} (if any) the outcome, on the I/O thread.
   *
   * @throws IllegalStateException if no group id is configured
   */
  public void commit(
      Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    commit(offsets)
        .whenComplete(
            (ok, error) -> {
              Exception failure =
                  error == null ? null : OffsetLookups.asFlyMQ(error, "committing " + offsets);
              if (callback != null) {
                callback.onComplete(offsets, failure);
              } else if (failure != null) {
                LOG.warn("commit of {} for group {} failed", offsets, groupId, failure);
              }
            });
  }

  /** The positions of every assigned partition that has one. */
  public static Map<TopicPartition, OffsetAndMetadata> positions(SubscriptionState subscriptions) {
    Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
    for (PartitionState state : subscriptions.states()) {
      if (state.hasPosition()) {
        positions.put(state.partition(), OffsetAndMetadata.of(state.position()));
      }
    }
    return positions;
  }

  /** With auto-commit on and the interval passed, commits changed positions without waiting. */
  public void maybeAutoCommit(SubscriptionState subscriptions, long nowNanos) {
    if (!autoCommit || nowNanos - nextAutoCommitNanos < 0) {
      return;
    }
    nextAutoCommitNanos = nowNanos + intervalNanos;
    autoCommitNow(subscriptions);
  }

  /**
   * Commits changed positions without waiting (auto-commit on only); failures are logged, since the
   * next auto-commit covers them.
   *
   * @return the commit in flight (done when there was nothing to commit)
   */
  public CompletableFuture<Void> autoCommitNow(SubscriptionState subscriptions) {
    if (!autoCommit) {
      return CompletableFuture.completedFuture(null);
    }
    Map<TopicPartition, OffsetAndMetadata> changed = positions(subscriptions);
    changed.entrySet().removeIf(e -> isCommitted(e.getKey(), e.getValue().offset()));
    if (changed.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    LOG.debug("auto-committing {} for group {}", changed, groupId);
    CompletableFuture<Void> commit = commit(changed);
    commit.whenComplete(
        (ok, error) -> {
          if (error != null) {
            LOG.warn("auto-commit of {} for group {} failed: {}", changed, groupId, error);
          }
        });
    return commit;
  }

  private boolean isCommitted(TopicPartition tp, long offset) {
    Long last = lastCommitted.get(tp);
    return last != null && last == offset;
  }

  /** When the next auto-commit is due; far in the future when auto-commit is off. */
  public long nextAutoCommitNanos(long nowNanos) {
    return autoCommit ? nextAutoCommitNanos : nowNanos + TimeUnit.DAYS.toNanos(1);
  }
}
