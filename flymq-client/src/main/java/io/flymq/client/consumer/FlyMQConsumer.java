package io.flymq.client.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.errors.TimeoutException;
import io.flymq.client.internal.consumer.AssignmentSource;
import io.flymq.client.internal.consumer.Committer;
import io.flymq.client.internal.consumer.Fetcher;
import io.flymq.client.internal.consumer.GroupMembership;
import io.flymq.client.internal.consumer.OffsetLookups;
import io.flymq.client.internal.consumer.OffsetQueries;
import io.flymq.client.internal.consumer.PartitionState;
import io.flymq.client.internal.consumer.PollSignal;
import io.flymq.client.internal.consumer.RecordDecoder;
import io.flymq.client.internal.consumer.SingleThreadGuard;
import io.flymq.client.internal.consumer.SubscriptionState;
import io.flymq.client.internal.consumer.TopicSubscription;
import io.flymq.client.serde.Deserializer;
import java.time.Duration;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FlyMQ consumer: reads records of assigned partitions (or of every partition of subscribed
 * topics) with FETCH_BATCHES long polls, fetching ahead while the application processes what the
 * last {@link #poll} returned.
 *
 * <pre>{@code
 * try (Consumer<String, String> consumer =
 *     new FlyMQConsumer<>(
 *         Map.of("bootstrap.servers", "localhost:9092", "group.id", "billing"),
 *         Serdes.stringDeserializer(), Serdes.stringDeserializer())) {
 *   consumer.subscribe(List.of("orders"));
 *   while (running) {
 *     for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
 *       handle(record);
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p><b>Positions.</b> Each assigned partition has a position, the offset of the next record {@code
 * poll} returns; it moves only past records {@code poll} returned, or by {@link #seek} and its
 * variants. A partition starts at its group's committed offset (with {@code group.id}), else by
 * {@code auto.offset.reset}; a fetch that finds the position outside the log resets it by the same
 * policy ({@code none}: {@code poll} throws {@link
 * io.flymq.client.errors.OffsetOutOfRangeException} until the application seeks).
 *
 * <p><b>Fetching.</b> One fetch is in flight at a time, for every assigned, unpaused partition that
 * has less than {@code max.partition.fetch.bytes} buffered; {@code poll} sends the next one before
 * it returns. Records are decoded and deserialized by {@code poll}, on the caller's thread. {@link
 * #seek}, {@link #pause}, {@link #resume} and reassignment drop what was fetched for the partitions
 * concerned (a fetch in flight for them is ignored when it arrives).
 *
 * <p><b>Groups.</b> With {@code group.id}, {@link #subscribe} joins the group: its coordinator
 * splits the partitions between the members, heartbeats keep the member alive, and partitions move
 * cooperatively (only those that change owner are revoked, always before they are assigned
 * elsewhere); a {@link ConsumerRebalanceListener} hears about them. Without {@code group.id}, or
 * with {@link #assign}, there is no membership.
 *
 * <p><b>Commits</b> of a group member use GROUP_COMMIT with its member id and generation, store
 * {@link OffsetAndMetadata#metadata()}, and may name only partitions the member owns; {@link
 * #committed} reads them back with GROUP_OFFSETS. Other consumers ({@code assign}) commit with v1
 * COMMIT, one request per partition, which drops the metadata. With {@code enable.auto.commit},
 * {@code poll} commits the positions of returned records every {@code auto.commit.interval.ms}, and
 * a revocation and {@link #close} commit them once more.
 *
 * <p>The group coordinator <b>fences</b> a member's commit, storing none of it, with code {@code
 * UNKNOWN_MEMBER} when it removed the member (the next {@code poll} reports the partitions lost to
 * the {@link ConsumerRebalanceListener} and rejoins as a new member) and {@code STALE_GENERATION}
 * when it counts the member from a later generation than the commit carried, i.e. it processed a
 * rejoin of the member whose answer the consumer has not seen (the next {@code poll} refreshes the
 * generation and the assignment, reporting partitions that moved to {@link
 * ConsumerRebalanceListener#onPartitionsRevoked}; commit again after it). A fenced commit is never
 * retried under another generation, and auto-commit covers its positions again once refreshed.
 *
 * <p><b>Threads.</b> Not thread-safe: use it from one thread at a time, as Kafka's consumer; a
 * second thread calling in concurrently gets {@link ConcurrentModificationException}. Only {@link
 * #wakeup()} may be called from any thread at any time. The consumer owns a {@link FlyMQClient}
 * (one connection, one reader and one timer thread) that {@link #close} releases.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class FlyMQConsumer<K, V> implements Consumer<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(FlyMQConsumer.class);
  private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ConsumerConfig config;
  private final FlyMQClient client;
  private final PollSignal signal = new PollSignal();
  private final SubscriptionState subscriptions = new SubscriptionState();
  private final OffsetLookups lookups;
  private final Fetcher<K, V> fetcher;
  private final Committer committer;
  private final OffsetQueries queries;
  private final SingleThreadGuard guard;
  private AssignmentSource source;
  private boolean closed;

  /**
   * Creates a consumer; it connects on first use.
   *
   * @param config the settings
   * @param keyDeserializer turns key bytes into keys
   * @param valueDeserializer turns value bytes into values
   */
  public FlyMQConsumer(
      ConsumerConfig config, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
    this.config = Objects.requireNonNull(config, "config");
    RecordDecoder<K, V> decoder = new RecordDecoder<>(keyDeserializer, valueDeserializer);
    this.client = new FlyMQClient(config.clientConfig());
    this.lookups = new OffsetLookups(client, config, signal::signal);
    this.fetcher = new Fetcher<>(client, config, subscriptions, decoder, signal::signal);
    this.committer = new Committer(client, config, lookups, subscriptions, System.nanoTime());
    this.queries = new OffsetQueries(lookups, subscriptions);
    this.guard = new SingleThreadGuard("consumer " + config.clientConfig().clientId());
  }

  /**
   * Creates a consumer from string settings (client and consumer keys, Kafka's names).
   *
   * @throws IllegalArgumentException listing every unknown key and invalid value
   */
  public FlyMQConsumer(
      Map<String, String> properties,
      Deserializer<K> keyDeserializer,
      Deserializer<V> valueDeserializer) {
    this(ConsumerConfig.fromProperties(properties), keyDeserializer, valueDeserializer);
  }

  /** This consumer's settings. */
  public ConsumerConfig config() {
    return config;
  }

  // ---- assignment ----

  /**
   * {@inheritDoc} The partitions are looked up (or the group joined) by the next {@link #poll};
   * {@link #assignment()} is empty until then. An empty collection unsubscribes.
   */
  @Override
  public void subscribe(Collection<String> topics) {
    subscribe(topics, ConsumerRebalanceListener.none());
  }

  /**
   * {@inheritDoc} An empty collection unsubscribes. Without {@code group.id} the listener is never
   * called: the consumer reads every partition.
   */
  @Override
  public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
    Objects.requireNonNull(listener, "listener");
    run(
        () -> {
          for (String topic : topics) {
            if (topic == null || topic.isBlank()) {
              throw new IllegalArgumentException(
                  "topics: " + topics + " (expected: non-blank topic names)");
            }
          }
          AssignmentSource next = null;
          if (!topics.isEmpty()) {
            next =
                config.groupId().isPresent()
                    ? new GroupMembership(
                        client, config, topics, listener, subscriptions, committer, signal::signal)
                    : new TopicSubscription(client, topics, signal::signal);
          }
          changeAssignment(next, Set.of());
        });
  }

  /** {@inheritDoc} An empty collection unsubscribes. */
  @Override
  public void assign(Collection<TopicPartition> partitions) {
    run(
        () -> {
          partitions.forEach(p -> Objects.requireNonNull(p, "partition"));
          AssignmentSource fixed = AssignmentSource.fixed(partitions);
          changeAssignment(partitions.isEmpty() ? null : fixed, fixed.current());
        });
  }

  /** {@inheritDoc} Auto-commits the positions first (without waiting) when auto-commit is on. */
  @Override
  public void unsubscribe() {
    run(() -> changeAssignment(null, Set.of()));
  }

  private void changeAssignment(AssignmentSource next, Set<TopicPartition> partitions) {
    ensureOpen();
    if (source != null) {
      source.release(false, DEFAULT_CLOSE_TIMEOUT);
    }
    committer.autoCommitNow(subscriptions);
    source = next;
    GroupMembership membership = next instanceof GroupMembership ? (GroupMembership) next : null;
    committer.member(membership);
    lookups.useGroupOffsets(membership != null);
    subscriptions.assign(partitions);
  }

  /** {@inheritDoc} */
  @Override
  public void enforceRebalance() {
    run(
        () -> {
          ensureOpen();
          if (source instanceof GroupMembership) {
            ((GroupMembership) source).enforceRebalance();
          }
        });
  }

  /** {@inheritDoc} */
  @Override
  public ConsumerGroupMetadata groupMetadata() {
    return call(
        () -> {
          String group =
              config
                  .groupId()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "group.id: (not set) (expected: a group id for group metadata)"));
          if (source instanceof GroupMembership) {
            return ((GroupMembership) source).metadata();
          }
          return new ConsumerGroupMetadata(
              group, ConsumerGroupMetadata.NO_GENERATION, "", config.groupInstanceId());
        });
  }

  @Override
  public Set<TopicPartition> assignment() {
    return call(() -> Set.copyOf(subscriptions.assigned()));
  }

  @Override
  public Set<String> subscription() {
    return call(() -> source == null ? Set.of() : source.topics());
  }

  // ---- polling ----

  /**
   * {@inheritDoc}
   *
   * <p>Returns as soon as records are buffered (at most {@code max.poll.records}), else waits for a
   * fetch, up to {@code timeout}; {@link Duration#ZERO} returns what is buffered without waiting.
   *
   * @throws IllegalStateException if the consumer is closed, or neither subscribed nor assigned
   * @throws RecordDeserializationException if a deserializer rejects a record (the position stays
   *     at the record)
   * @throws io.flymq.client.errors.TopicNotFoundException if a subscribed or assigned topic or
   *     partition does not exist (e.g. it was deleted)
   * @throws TimeoutException if the thread is interrupted while waiting
   */
  @Override
  public ConsumerRecords<K, V> poll(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    return call(
        () -> {
          ensureOpen();
          if (source == null) {
            throw new IllegalStateException(
                "subscription: none (expected: subscribe or assign before poll)");
          }
          return pollUntil(System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
        });
  }

  private ConsumerRecords<K, V> pollUntil(long deadlineNanos) {
    while (true) {
      signal.throwIfWakeup();
      long now = System.nanoTime();
      ConsumerRecords<K, V> records = pollOnce(now);
      if (!records.isEmpty()) {
        return records;
      }
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        return records;
      }
      long untilRetry = fetcher.nextRetryNanos(now) - now;
      long untilCommit = committer.nextAutoCommitNanos(now) - now;
      long wait = Math.min(remaining, Math.min(untilRetry, untilCommit));
      try {
        signal.await(Math.max(wait, 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimeoutException(
            "poll interrupted", "The polling thread was interrupted; close the consumer.");
      }
    }
  }

  /** One round: act on what completed, return buffered records, keep a fetch in flight. */
  private ConsumerRecords<K, V> pollOnce(long now) {
    Set<TopicPartition> target = source.current();
    if (target != null && !target.equals(subscriptions.assigned())) {
      subscriptions.assign(target);
    }
    committer.maybeAutoCommit(subscriptions, now);
    fetcher.processCompleted(now);
    // After the fetch results: a position found out of range is reset (or reported) at once.
    lookups.update(subscriptions);
    ConsumerRecords<K, V> records = fetcher.drain(config.maxPollRecords());
    // Sent before returning, so the next records arrive while the application is busy.
    fetcher.sendIfIdle(now);
    return records;
  }

  // ---- commits ----

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if no {@code group.id} is set
   * @throws io.flymq.client.errors.FlyMQException if a commit failed (others may have succeeded);
   *     with code STALE_GENERATION or UNKNOWN_MEMBER, and nothing committed, when the group
   *     coordinator fenced it (see the class documentation: poll, then commit again)
   */
  @Override
  public void commitSync() {
    run(() -> FlyMQClient.await(committer.commit(Committer.positions(subscriptions))));
  }

  /**
   * {@inheritDoc} The metadata is stored for a group member only (not with {@link #assign}).
   *
   * @throws IllegalStateException if no {@code group.id} is set
   * @throws io.flymq.client.errors.FlyMQException if a commit failed (others may have succeeded);
   *     with code PARTITION_NOT_ASSIGNED, and nothing committed, when a group member names a
   *     partition it does not own (e.g. one revoked since); with code STALE_GENERATION or
   *     UNKNOWN_MEMBER, and nothing committed, when the group coordinator fenced it (see the class
   *     documentation: poll, then commit again)
   */
  @Override
  public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    run(() -> FlyMQClient.await(committer.commit(Map.copyOf(offsets))));
  }

  /**
   * {@inheritDoc} Failures are logged; a fenced commit (STALE_GENERATION, UNKNOWN_MEMBER) makes the
   * next {@link #poll} refresh the membership, as with {@link #commitSync()}.
   *
   * @throws IllegalStateException if no {@code group.id} is set
   */
  @Override
  public void commitAsync() {
    run(() -> committer.commit(Committer.positions(subscriptions), null));
  }

  /**
   * {@inheritDoc} The callback runs on the client's I/O thread and must not block; without one,
   * failures are logged. The metadata is stored for a group member only. The callback gets the
   * exceptions {@link #commitSync(Map)} throws, e.g. a {@link
   * io.flymq.client.errors.FlyMQException} of code STALE_GENERATION when the group coordinator
   * fenced the commit; the next {@link #poll} then refreshes the membership.
   *
   * @throws IllegalStateException if no {@code group.id} is set
   */
  @Override
  public void commitAsync(
      Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    run(() -> committer.commit(Map.copyOf(offsets), callback));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if no {@code group.id} is set
   * @throws io.flymq.client.errors.FlyMQException if a look-up failed
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
    return call(() -> queries.committed(partitions, source instanceof GroupMembership));
  }

  // ---- positions ----

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the offset is negative
   * @throws IllegalStateException if the partition is not assigned
   */
  @Override
  public void seek(TopicPartition partition, long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
    }
    run(() -> subscriptions.require(partition).seek(offset));
  }

  /**
   * {@inheritDoc} Looks the offsets up and waits; an empty collection means every assigned
   * partition.
   *
   * @throws IllegalStateException if a partition is not assigned
   * @throws io.flymq.client.errors.FlyMQException if a look-up failed
   */
  @Override
  public void seekToBeginning(Collection<TopicPartition> partitions) {
    run(() -> queries.seekToBeginning(partitions));
  }

  /**
   * {@inheritDoc} Looks the offsets up and waits; an empty collection means every assigned
   * partition.
   *
   * @throws IllegalStateException if a partition is not assigned
   * @throws io.flymq.client.errors.FlyMQException if a look-up failed
   */
  @Override
  public void seekToEnd(Collection<TopicPartition> partitions) {
    run(() -> queries.seekToEnd(partitions));
  }

  /**
   * {@inheritDoc} Looks the starting position up (and waits) if it is not known yet.
   *
   * @throws IllegalStateException if the partition is not assigned
   * @throws io.flymq.client.errors.OffsetOutOfRangeException with {@code auto.offset.reset=none}
   *     and no committed offset
   */
  @Override
  public long position(TopicPartition partition) {
    return call(() -> queries.position(partition));
  }

  /**
   * {@inheritDoc} A partition whose records are all older than its timestamp maps to null.
   *
   * @throws IllegalArgumentException if a timestamp is negative
   * @throws io.flymq.client.errors.FlyMQException if a look-up failed
   */
  @Override
  public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
      Map<TopicPartition, Long> timestamps) {
    timestamps.forEach(
        (tp, ts) -> {
          if (ts == null || ts < 0) {
            throw new IllegalArgumentException(
                "timestamp of " + tp + ": " + ts + " (expected: >= 0 ms since the epoch)");
          }
        });
    return call(() -> queries.offsetsForTimes(timestamps));
  }

  /** {@inheritDoc} @throws io.flymq.client.errors.FlyMQException if a look-up failed */
  @Override
  public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
    return call(() -> queries.beginningOffsets(partitions));
  }

  /** {@inheritDoc} @throws io.flymq.client.errors.FlyMQException if a look-up failed */
  @Override
  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
    return call(() -> queries.endOffsets(partitions));
  }

  // ---- flow control ----

  /** {@inheritDoc} @throws IllegalStateException if a partition is not assigned */
  @Override
  public void pause(Collection<TopicPartition> partitions) {
    run(() -> setPaused(partitions, true));
  }

  /** {@inheritDoc} @throws IllegalStateException if a partition is not assigned */
  @Override
  public void resume(Collection<TopicPartition> partitions) {
    run(() -> setPaused(partitions, false));
  }

  private void setPaused(Collection<TopicPartition> partitions, boolean paused) {
    List<PartitionState> states = partitions.stream().map(subscriptions::require).toList();
    states.forEach(state -> state.paused(paused));
  }

  @Override
  public Set<TopicPartition> paused() {
    return call(subscriptions::paused);
  }

  // ---- lifecycle ----

  /** {@inheritDoc} Thread-safe; does nothing to a closed consumer. */
  @Override
  public void wakeup() {
    signal.wakeup();
  }

  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * {@inheritDoc} With auto-commit on, waits up to {@code timeout} for the final commit (a failure
   * is logged, not thrown). Idempotent.
   */
  @Override
  public void close(Duration timeout) {
    run(
        () -> {
          if (closed) {
            return;
          }
          closed = true;
          try {
            if (source != null) {
              source.release(true, timeout);
            }
            committer.autoCommitNow(subscriptions).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("final auto-commit of consumer {} failed: {}", clientId(), e.toString());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            client.close();
          }
        });
  }

  /**
   * Test hook: dies as a crashed process would, without committing, revoking or leaving its group
   * (heartbeats stop and the connection closes), so the coordinator must time it out.
   */
  void crashForTest() {
    run(
        () -> {
          if (source instanceof GroupMembership) {
            ((GroupMembership) source).abandon();
          }
          closed = true;
          client.close();
        });
  }

  private String clientId() {
    return config.clientConfig().clientId();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(
          "consumer " + clientId() + ": closed (expected: an open consumer; create a new one)");
    }
  }

  // One thread at a time, as Kafka: a second thread fails fast instead of corrupting positions.
  private <T> T call(Supplier<T> body) {
    return guard.call(body);
  }

  private void run(Runnable body) {
    guard.run(body);
  }
}
