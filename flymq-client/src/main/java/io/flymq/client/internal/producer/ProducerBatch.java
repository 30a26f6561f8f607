package io.flymq.client.internal.producer;

import io.flymq.client.TopicPartition;
import io.flymq.client.producer.Callback;
import io.flymq.client.producer.RecordMetadata;
import io.flymq.record.CompressionType;
import io.flymq.record.Header;
import io.flymq.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records bound for one partition that will travel in one PRODUCE_BATCH: a {@link
 * RecordBatchBuilder} plus, per record, its future, callback, timestamp and sizes (parallel arrays,
 * so a record costs no object of its own beyond its future).
 *
 * <p>Lifecycle: open (records appended under the partition queue's lock) -> closed (no more
 * appends) -> built once by the sender (compression happens then, off the caller's thread) -> sent,
 * possibly again on retry -> completed exactly once, successfully or not.
 */
final class ProducerBatch {
  private static final Logger LOG = LoggerFactory.getLogger(ProducerBatch.class);
  private static final Header[] NO_HEADERS = new Header[0];

  final TopicPartition partition;
  final long createdNanos;
  private final RecordBatchBuilder builder;
  private final int batchSize;
  private CompletableFuture<RecordMetadata>[] futures;
  private Callback[] callbacks;
  private long[] timestamps;
  private int[] keySizes;
  private int[] valueSizes;
  private int count;
  private long reservedBytes;
  private boolean closed;
  private ByteBuffer built;
  int attempts;
  final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicBoolean finished = new AtomicBoolean();

  @SuppressWarnings("unchecked")
  ProducerBatch(TopicPartition partition, CompressionType compression, int batchSize, long now) {
    this.partition = partition;
    this.createdNanos = now;
    this.batchSize = batchSize;
    this.builder =
        new RecordBatchBuilder(Math.max(256, Math.min(batchSize, 1 << 20) + 64))
            .compression(compression);
    int initial = 16;
    this.futures = (CompletableFuture<RecordMetadata>[]) new CompletableFuture<?>[initial];
    this.callbacks = new Callback[initial];
    this.timestamps = new long[initial];
    this.keySizes = new int[initial];
    this.valueSizes = new int[initial];
  }

  /**
   * Appends a record unless the batch is closed or it would grow past {@code batch.size} (a first
   * record always fits, however large).
   *
   * @return the record's future, or null when it did not fit
   */
  CompletableFuture<RecordMetadata> tryAppend(
      long timestamp,
      byte[] key,
      byte[] value,
      Header[] headers,
      Callback callback,
      int encodedSize) {
    if (closed || (count > 0 && builder.estimatedSizeInBytes() + encodedSize > batchSize)) {
      return null;
    }
    builder.append(
        timestamp,
        key == null ? null : ByteBuffer.wrap(key),
        value == null ? null : ByteBuffer.wrap(value),
        headers == null ? NO_HEADERS : headers);
    if (count == futures.length) {
      grow();
    }
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    futures[count] = future;
    callbacks[count] = callback;
    timestamps[count] = timestamp;
    keySizes[count] = key == null ? -1 : key.length;
    valueSizes[count] = value == null ? -1 : value.length;
    count++;
    reservedBytes += encodedSize;
    return future;
  }

  private void grow() {
    int size = futures.length * 2;
    futures = Arrays.copyOf(futures, size);
    callbacks = Arrays.copyOf(callbacks, size);
    timestamps = Arrays.copyOf(timestamps, size);
    keySizes = Arrays.copyOf(keySizes, size);
    valueSizes = Arrays.copyOf(valueSizes, size);
  }

  /** Whether it has reached batch.size (or was closed), so it should go now. */
  boolean isFull() {
    return closed || builder.estimatedSizeInBytes() >= batchSize;
  }

  /** No more appends. */
  void close() {
    closed = true;
  }

  int recordCount() {
    return count;
  }

  long reservedBytes() {
    return reservedBytes;
  }

  /** The batch's bytes, built on first call (the builder is single-use). */
  ByteBuffer bytes() {
    if (built == null) {
      closed = true;
      built = builder.build();
    }
    return built.duplicate();
  }

  /** True exactly once: for whoever completes the batch (the response, or a closing producer). */
  boolean markFinished() {
    return finished.compareAndSet(false, true);
  }

  /** Completes every record with its offset. */
  void succeed(long baseOffset, long logAppendTime) {
    for (int i = 0; i < count; i++) {
      long offset = baseOffset < 0 ? -1 : baseOffset + i;
      long timestamp = logAppendTime >= 0 ? logAppendTime : timestamps[i];
      RecordMetadata metadata =
          new RecordMetadata(
              partition.topic(),
              partition.partition(),
              offset,
              timestamp,
              keySizes[i],
              valueSizes[i]);
      complete(i, metadata, null);
    }
    done.complete(null);
  }

  /** Fails every record with {@code error}. */
  void fail(RuntimeException error) {
    for (int i = 0; i < count; i++) {
      complete(i, null, error);
    }
    done.complete(null);
  }

  private void complete(int i, RecordMetadata metadata, RuntimeException error) {
    if (error == null) {
      futures[i].complete(metadata);
    } else {
      futures[i].completeExceptionally(error);
    }
    Callback callback = callbacks[i];
    if (callback != null) {
      try {
        callback.onCompletion(metadata, error);
      } catch (RuntimeException e) {
        LOG.error("producer callback for {} threw; continuing", partition, e);
      }
    }
  }
}
