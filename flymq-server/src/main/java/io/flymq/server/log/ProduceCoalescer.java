package io.flymq.server.log;

import io.flymq.record.CompressionType;
import io.flymq.record.RecordBatchBuilder;
import io.flymq.storage.log.AppendResult;
import io.flymq.storage.log.PartitionLog;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns single-record produces (v1 PRODUCE and friends) to one partition into record-batch appends
 * (DESIGN decision 2): while one batch append is in flight, records that arrive queue up, and the
 * next append carries all of them in one batch. Under {@code sync=always} this is what makes
 * concurrent single-record producers share fsyncs.
 *
 * <p>Records keep their arrival order; each future completes with its own offset once the batch
 * holding it is appended (and forced, under sync=always), or fails with the batch's error.
 *
 * <p>Thread-safe; never blocks the caller.
 */
public final class ProduceCoalescer {
  private final PartitionLog log;
  private final Clock clock;
  private final int maxBatchBytes;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean appendInFlight = new AtomicBoolean();

  private record Pending(
      ByteBuffer key,
      ByteBuffer value,
      long timestampMs,
      CompletableFuture<ProducedRecord> future) {
    int estimatedSize() {
      return 32 + (key == null ? 0 : key.remaining()) + (value == null ? 0 : value.remaining());
    }
  }

  /**
   * @param maxBatchBytes soft cap of one coalesced batch; a single larger record still goes alone
   *     (the log then judges it against its own limit)
   */
  public ProduceCoalescer(PartitionLog log, Clock clock, int maxBatchBytes) {
    this.log = log;
    this.clock = clock;
    this.maxBatchBytes = maxBatchBytes;
  }

  /**
   * Queues one record; its timestamp is the broker's clock now (v1 produces carry none).
   *
   * @param key null or empty for a keyless record; the buffers must not change until the future
   *     completes
   */
  public CompletableFuture<ProducedRecord> produce(ByteBuffer key, ByteBuffer value) {
    CompletableFuture<ProducedRecord> future = new CompletableFuture<>();
    ByteBuffer storedKey = key == null || !key.hasRemaining() ? null : key;
    queue.add(new Pending(storedKey, value, clock.millis(), future));
    sendNextBatch();
    return future;
  }

  private void sendNextBatch() {
    // Loop, because a record may arrive between the drain finding nothing and the flag reset.
    while (!queue.isEmpty() && appendInFlight.compareAndSet(false, true)) {
      List<Pending> batch = drain();
      if (batch.isEmpty()) {
        appendInFlight.set(false);
        continue;
      }
      ByteBuffer bytes;
      try {
        bytes = encode(batch);
      } catch (RuntimeException e) {
        batch.forEach(p -> p.future().completeExceptionally(e));
        appendInFlight.set(false);
        continue;
      }
      log.append(bytes)
          .whenComplete(
              (result, error) -> {
                complete(batch, result, error);
                appendInFlight.set(false);
                sendNextBatch();
              });
    }
  }

  private List<Pending> drain() {
    List<Pending> batch = new ArrayList<>();
    int bytes = 0;
    Pending next;
    while ((next = queue.peek()) != null) {
      if (!batch.isEmpty() && bytes + next.estimatedSize() > maxBatchBytes) {
        break;
      }
      queue.poll();
      batch.add(next);
      bytes += next.estimatedSize();
    }
    return batch;
  }

  private static ByteBuffer encode(List<Pending> batch) {
    int capacity = 128;
    for (Pending pending : batch) {
      capacity += pending.estimatedSize();
    }
    RecordBatchBuilder builder = new RecordBatchBuilder(capacity).compression(CompressionType.NONE);
    for (Pending pending : batch) {
      builder.append(pending.timestampMs(), pending.key(), pending.value());
    }
    return builder.build();
  }

  private static void complete(List<Pending> batch, AppendResult result, Throwable error) {
    for (int i = 0; i < batch.size(); i++) {
      Pending pending = batch.get(i);
      if (error != null) {
        pending.future().completeExceptionally(error);
      } else {
        long timestamp =
            result.logAppendTimeMs() >= 0 ? result.logAppendTimeMs() : pending.timestampMs();
        pending.future().complete(new ProducedRecord(result.baseOffset() + i, timestamp));
      }
    }
  }
}
