package io.flymq.client.internal.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerConfig;
import io.flymq.client.consumer.OffsetAndMetadata;
import io.flymq.client.consumer.OffsetCommitCallback;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a group's offsets with v1 COMMIT, one request per partition (all in flight at once), and
 * runs auto-commit: every {@code auto.commit.interval.ms}, checked from {@code poll}, it commits
 * the positions that changed since the last successful commit, without waiting.
 *
 * <p>The broker does not store commit metadata yet: {@link OffsetAndMetadata#metadata()} is
 * accepted and dropped.
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
  private long nextAutoCommitNanos;

  /**
   * @param client sends the commits
   * @param config the group id and the auto-commit settings
   * @param lookups checks that a group is configured
   * @param nowNanos the current {@link System#nanoTime()}
   */
  public Committer(
      FlyMQClient client, ConsumerConfig config, OffsetLookups lookups, long nowNanos) {
    this.client = client;
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

  /**
   * Commits these offsets.
   *
   * @return completes when every partition's commit is stored, or with the first failure
   * @throws IllegalStateException if no group id is configured
   */
  public CompletableFuture<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    lookups.requireGroup("commit offsets");
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
