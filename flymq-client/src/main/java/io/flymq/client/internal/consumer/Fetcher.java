package io.flymq.client.internal.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerConfig;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.consumer.ConsumerRecords;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.internal.Retrier;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest.FetchPartition;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.FetchBatchesResponse.PartitionRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches ahead for a consumer: keeps one FETCH_BATCHES long poll in flight covering every
 * fetchable partition (assigned, positioned, not paused, not backing off, and with less than {@code
 * max.partition.fetch.bytes} buffered), each from its fetch position; buffers what comes back per
 * partition; and hands records to {@code poll} from the buffers.
 *
 * <p>A response is used for a partition only if the partition is still assigned with the epoch the
 * request was sent with, so a seek, pause or reassignment made while the fetch was in flight
 * discards its data. Retriable failures (of the request, or of one partition) back off with the
 * client's {@code retry.backoff.ms} doubling up to {@code retry.backoff.max.ms}; fatal ones are
 * thrown from {@link #processCompleted} (once per fetch), after the other partitions' data is
 * buffered.
 *
 * <p>Sending, processing and draining happen on the polling thread only; the I/O thread just
 * completes the future and calls the {@code onComplete} callback. Not thread-safe otherwise.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Fetcher<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);

  private final FlyMQClient client;
  private final ConsumerConfig config;
  private final SubscriptionState subscriptions;
  private final RecordDecoder<K, V> decoder;
  private final Runnable onComplete;
  private final Retrier backoff;
  private InFlight inFlight;
  private long requestRetryAtNanos;
  private int requestFailures;
  private int nextDrainStart;

  /** A sent fetch: what each partition was fetched from, and with which epoch. */
  private static final class InFlight {
    final Map<TopicPartition, long[]> sent = new HashMap<>();
    CompletableFuture<FetchBatchesResponse> response;
  }

  /**
   * @param client sends the fetches
   * @param config the fetch sizes, wait and isolation level
   * @param subscriptions the partitions and their positions
   * @param decoder deserializes records
   * @param onComplete called (on the I/O thread) when a fetch finishes, to wake {@code poll}
   */
  public Fetcher(
      FlyMQClient client,
      ConsumerConfig config,
      SubscriptionState subscriptions,
      RecordDecoder<K, V> decoder,
      Runnable onComplete) {
    this.client = client;
    this.config = config;
    this.subscriptions = subscriptions;
    this.decoder = decoder;
    this.onComplete = onComplete;
    this.backoff =
        new Retrier(
            0,
            config.clientConfig().retryBackoff(),
            config.clientConfig().retryBackoffMax(),
            client.scheduler());
  }

  /**
   * Sends a fetch for the fetchable partitions unless one is in flight, the request is backing off
   * or no partition is fetchable.
   *
   * @return whether a fetch was sent
   */
  public boolean sendIfIdle(long nowNanos) {
    if (inFlight != null || nowNanos - requestRetryAtNanos < 0) {
      return false;
    }
    InFlight fetch = new InFlight();
    List<FetchPartition> wanted = new ArrayList<>();
    int perPartition = config.maxPartitionFetchBytes();
    for (PartitionState state : subscriptions.states()) {
      if (state.fetchable(nowNanos, perPartition)) {
        TopicPartition tp = state.partition();
        long offset = state.fetchPosition();
        wanted.add(new FetchPartition(tp.topic(), tp.partition(), offset, perPartition));
        fetch.sent.put(tp, new long[] {state.epoch(), offset});
      }
    }
    if (wanted.isEmpty()) {
      return false;
    }
    FetchBatchesRequest request =
        new FetchBatchesRequest(
            (int) config.fetchMaxWait().toMillis(),
            config.fetchMinBytes(),
            config.fetchMaxBytes(),
            config.isolationLevel(),
            wanted);
    fetch.response = client.fetchBatchesAsync(request);
    inFlight = fetch;
    fetch.response.whenComplete((response, error) -> onComplete.run());
    return true;
  }

  /** Whether a fetch is in flight. */
  public boolean inFlight() {
    return inFlight != null;
  }

  /**
   * Buffers the data of a completed fetch, if one completed.
   *
   * @throws FlyMQException the first fatal failure: of the request (e.g. not authorized, client
   *     closed) or of a partition (e.g. topic deleted)
   */
  public void processCompleted(long nowNanos) {
    InFlight done = inFlight;
    if (done == null || !done.response.isDone()) {
      return;
    }
    inFlight = null;
    FetchBatchesResponse response;
    try {
      response = done.response.get();
    } catch (ExecutionException | CompletionException e) {
      requestFailed(e.getCause() == null ? e : e.getCause(), nowNanos);
      return;
    } catch (InterruptedException e) {
      // Unreachable: the future is done, so get() does not wait.
      Thread.currentThread().interrupt();
      return;
    }
    requestFailures = 0;
    FlyMQException fatal = null;
    for (PartitionRecords result : response.partitions()) {
      FlyMQException failure = accept(done, result, nowNanos);
      if (fatal == null) {
        fatal = failure;
      }
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  private void requestFailed(Throwable cause, long nowNanos) {
    if (cause instanceof FlyMQException && ((FlyMQException) cause).retriable()) {
      requestFailures++;
      long delayMs = backoff.backoffMs(requestFailures);
      requestRetryAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(delayMs);
      LOG.debug(
          "fetch failed (attempt {}), retrying in {} ms: {}", requestFailures, delayMs, cause);
      return;
    }
    if (cause instanceof FlyMQException) {
      throw (FlyMQException) cause;
    }
    throw new FlyMQException(
        ErrorCode.UNCLASSIFIED, "fetch failed: " + cause, "See the cause.", false, cause);
  }

  /** Buffers one partition's result; returns a fatal failure instead of throwing it. */
  private FlyMQException accept(InFlight done, PartitionRecords result, long nowNanos) {
    TopicPartition tp = new TopicPartition(result.topic(), result.partition());
    long[] sent = done.sent.get(tp);
    PartitionState state = subscriptions.state(tp);
    if (sent == null
        || state == null
        || state.epoch() != sent[0]
        || state.fetchPosition() != sent[1]) {
      return null; // sought, paused or unassigned since the fetch was sent
    }
    ErrorCode code = result.errorCode();
    if (code == ErrorCode.NONE) {
      if (result.records().hasRemaining()) {
        long next = FetchedBatches.nextOffsetOf(result.records(), sent[1]);
        state.buffer(new FetchedBatches(tp, result.records()), next);
      }
      return null;
    }
    if (code == ErrorCode.OFFSET_OUT_OF_RANGE) {
      state.markOutOfRange();
      return null;
    }
    long delayMs = backoff.backoffMs(state.failures() + 1);
    state.failed(nowNanos + TimeUnit.MILLISECONDS.toNanos(delayMs));
    if (code.retriable()) {
      LOG.debug("fetching {} failed with {}, retrying in {} ms", tp, code, delayMs);
      return null;
    }
    return FlyMQException.of(
        code, "fetching " + tp + " from offset " + sent[1] + " failed: " + code.name());
  }

  /**
   * Returns up to {@code max} buffered records, partition by partition (starting with a different
   * partition each call, so none starves), advancing each partition's position past the records
   * returned. Paused partitions have no buffered data.
   *
   * @throws io.flymq.client.consumer.RecordDeserializationException if a deserializer fails and no
   *     record was collected yet in this call (else the records collected so far are returned)
   * @throws FlyMQException for a corrupt batch, on the same terms
   */
  public ConsumerRecords<K, V> drain(int max) {
    Map<TopicPartition, List<ConsumerRecord<K, V>>> drained = new LinkedHashMap<>();
    int count = 0;
    for (PartitionState state : subscriptions.rotated(nextDrainStart++)) {
      if (count >= max) {
        break;
      }
      if (!state.hasBufferedData() || state.paused()) {
        continue;
      }
      List<ConsumerRecord<K, V>> records = new ArrayList<>();
      try {
        count += drainPartition(state, max - count, records);
      } catch (FlyMQException e) {
        // Refetch from the failed record, so the next poll meets it again.
        state.invalidate();
        if (count > 0 || !records.isEmpty()) {
          count += records.size();
          addNonEmpty(drained, state.partition(), records);
          break;
        }
        throw e;
      }
      addNonEmpty(drained, state.partition(), records);
    }
    return count == 0 ? ConsumerRecords.empty() : new ConsumerRecords<>(drained);
  }

  private int drainPartition(PartitionState state, int max, List<ConsumerRecord<K, V>> out) {
    int added = 0;
    FetchedBatches batches;
    while (added < max && (batches = state.peekBuffer()) != null) {
      added += batches.drain(state, max - added, decoder, out);
      if (batches.exhausted()) {
        state.popBuffer();
      }
    }
    return added;
  }

  private static <K, V> void addNonEmpty(
      Map<TopicPartition, List<ConsumerRecord<K, V>>> drained,
      TopicPartition partition,
      List<ConsumerRecord<K, V>> records) {
    if (!records.isEmpty()) {
      drained.put(partition, records);
    }
  }

  /**
   * When a backoff ends: the earliest time at which {@link #sendIfIdle} may send more than now, or
   * {@code Long.MAX_VALUE} from now when nothing is backing off.
   */
  public long nextRetryNanos(long nowNanos) {
    long next = nowNanos + Long.MAX_VALUE / 2;
    if (nowNanos - requestRetryAtNanos < 0) {
      next = requestRetryAtNanos;
    }
    for (PartitionState state : subscriptions.states()) {
      if (state.failures() > 0 && nowNanos - state.retryAtNanos() < 0) {
        next = next - state.retryAtNanos() > 0 ? state.retryAtNanos() : next;
      }
    }
    return next;
  }
}
