package io.flymq.client.producer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends records to FlyMQ topics, batching them per partition. See {@link FlyMQProducer}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Producer<K, V> extends AutoCloseable {
  /**
   * Queues a record for sending and returns at once (unless the buffer is full, see {@code
   * max.block.ms}).
   *
   * @return completes with the record's metadata once acknowledged (per {@code acks}), or
   *     exceptionally with a {@link io.flymq.client.errors.FlyMQException}
   * @throws io.flymq.client.errors.BufferExhaustedException if the buffer stays full
   * @throws io.flymq.client.errors.RecordTooLargeException if the serialized record exceeds {@code
   *     max.request.size}
   * @throws io.flymq.client.errors.ClientClosedException after {@link #close()}
   */
  CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record);

  /** {@link #send(ProducerRecord)}, then {@code callback} on the I/O thread. */
  CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

  /** Sends every queued record now and waits until each is acknowledged or has failed. */
  void flush();

  /** The partition count of a topic, from the producer's metadata. */
  int partitionCount(String topic);

  /** {@link #close(Duration)} with no limit: sends everything queued first. */
  @Override
  void close();

  /**
   * Stops accepting records, sends what is queued for up to {@code timeout}, then fails what is
   * left with {@link io.flymq.client.errors.ClientClosedException} and releases threads and
   * sockets.
   */
  void close(Duration timeout);
}
