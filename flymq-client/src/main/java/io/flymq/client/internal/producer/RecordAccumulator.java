package io.flymq.client.internal.producer;

import io.flymq.client.TopicPartition;
import io.flymq.client.producer.Callback;
import io.flymq.client.producer.RecordMetadata;
import io.flymq.record.CompressionType;
import io.flymq.record.Header;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Per-partition queues of {@link ProducerBatch}es: application threads append records to the last
 * batch of their partition's queue; the sender takes batches from the front once they are ready
 * (full, lingered long enough, or a flush or close is under way) and the partition has room for
 * another request in flight. Thread-safe: each queue is guarded by its own monitor, so threads
 * producing to different partitions never contend.
 */
final class RecordAccumulator {
  private final ConcurrentHashMap<TopicPartition, PartitionQueue> queues =
      new ConcurrentHashMap<>();
  private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
  private final CompressionType compression;
  private final int batchSize;
  private final long lingerNanos;
  private final int maxInFlight;

  RecordAccumulator(CompressionType compression, int batchSize, long lingerNanos, int maxInFlight) {
    this.compression = compression;
    this.batchSize = batchSize;
    this.lingerNanos = lingerNanos;
    this.maxInFlight = maxInFlight;
  }

  /** The outcome of an append: the record's future, and whether a batch is now ready to send. */
  record Appended(CompletableFuture<RecordMetadata> future, boolean batchReady) {}

  Appended append(
      TopicPartition partition,
      long timestamp,
      byte[] key,
      byte[] value,
      Header[] headers,
      Callback callback,
      int encodedSize) {
    PartitionQueue queue = queues.computeIfAbsent(partition, PartitionQueue::new);
    synchronized (queue) {
      ProducerBatch last = queue.batches.peekLast();
      if (last != null) {
        CompletableFuture<RecordMetadata> future =
            last.tryAppend(timestamp, key, value, headers, callback, encodedSize);
        if (future != null) {
          return new Appended(future, last.isFull() || lingerNanos == 0);
        }
        last.close();
      }
      ProducerBatch batch = new ProducerBatch(partition, compression, batchSize, System.nanoTime());
      CompletableFuture<RecordMetadata> future =
          batch.tryAppend(timestamp, key, value, headers, callback, encodedSize);
      queue.batches.addLast(batch);
      incomplete.add(batch);
      return new Appended(future, last != null || batch.isFull() || lingerNanos == 0);
    }
  }

  /**
   * Hands every ready batch to {@code send} (outside the queue locks), counting it in flight.
   *
   * @param force treat every batch as ready (flush or close)
   * @return nanoseconds until the next batch becomes ready by lingering, or {@code Long.MAX_VALUE}
   */
  long drain(long now, boolean force, Consumer<ProducerBatch> send) {
    long nextReady = Long.MAX_VALUE;
    List<ProducerBatch> ready = new ArrayList<>();
    for (PartitionQueue queue : queues.values()) {
      synchronized (queue) {
        while (!queue.batches.isEmpty() && queue.inFlight < maxInFlight) {
          ProducerBatch first = queue.batches.peekFirst();
          long readyAt = first.createdNanos + lingerNanos;
          if (!force && !first.isFull() && queue.batches.size() == 1 && now - readyAt < 0) {
            nextReady = Math.min(nextReady, readyAt - now);
            break;
          }
          queue.batches.pollFirst();
          first.close();
          queue.inFlight++;
          ready.add(first);
        }
      }
    }
    ready.forEach(send);
    return nextReady;
  }

  /** A batch of {@code partition} finished (acknowledged or failed for good). */
  void completed(ProducerBatch batch) {
    PartitionQueue queue = queues.get(batch.partition);
    if (queue != null) {
      synchronized (queue) {
        queue.inFlight--;
      }
    }
    incomplete.remove(batch);
  }

  /** Batches appended to and not yet completed. */
  List<ProducerBatch> incomplete() {
    return new ArrayList<>(incomplete);
  }

  boolean hasIncomplete() {
    return !incomplete.isEmpty();
  }

  /** Removes every queued (unsent) batch and returns them, for failing at close. */
  List<ProducerBatch> abandonQueued() {
    List<ProducerBatch> abandoned = new ArrayList<>();
    for (PartitionQueue queue : queues.values()) {
      synchronized (queue) {
        abandoned.addAll(queue.batches);
        queue.batches.clear();
      }
    }
    return abandoned;
  }

  private static final class PartitionQueue {
    final ArrayDeque<ProducerBatch> batches = new ArrayDeque<>();
    int inFlight;

    PartitionQueue(TopicPartition partition) {}
  }
}
