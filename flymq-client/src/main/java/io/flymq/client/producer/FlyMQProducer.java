package io.flymq.client.producer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.internal.producer.ProducerEngine;
import io.flymq.client.serde.Serializer;
import io.flymq.record.Header;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The FlyMQ producer: accumulates records per partition into Kafka-format record batches and sends
 * each batch as one PRODUCE_BATCH request, with several batches in flight.
 *
 * <pre>{@code
 * try (Producer<String, String> producer = new FlyMQProducer<>(
 *         ProducerConfig.builder().bootstrapServers("localhost:9092").build(),
 *         Serdes.stringSerializer(), Serdes.stringSerializer())) {
 *   producer.send(ProducerRecord.of("orders", "order-1", "{\"total\": 12}"))
 *       .thenAccept(m -> System.out.println("written at offset " + m.offset()));
 * }
 * }</pre>
 *
 * <p><b>Batching.</b> A batch is sent when it reaches {@code batch.size} bytes, when its first
 * record has waited {@code linger.ms}, or on {@link #flush()} / {@link #close()}; it is compressed
 * with {@code compression.type} on the producer's I/O thread. At most {@code
 * max.in.flight.requests.per.connection} batches per partition are unacknowledged at a time.
 *
 * <p><b>Partitioning.</b> A record with a partition goes there; a keyed one to {@code fnv1a32(key)
 * mod partitions}, the same choice the broker makes for v1 PRODUCE (so keys land where the public
 * SDKs put them); a keyless one to a sticky partition that moves on, round robin, after each {@code
 * batch.size} bytes.
 *
 * <p><b>Delivery.</b> Failed batches are retried while retriable and within {@code
 * delivery.timeout.ms}. Without idempotence (not yet offered), a retried batch may be written twice
 * when the first attempt's answer was lost, and with more than one batch in flight, a retry may
 * reorder records within a partition; set {@code max.in.flight.requests.per.connection=1} for
 * strict order.
 *
 * <p><b>Memory.</b> Records awaiting acknowledgement hold at most {@code buffer.memory} bytes; when
 * that is used up, {@code send} blocks up to {@code max.block.ms} (or fails at once with {@code
 * buffer.full.policy=fail}) with {@link io.flymq.client.errors.BufferExhaustedException}.
 *
 * <p>Thread-safe: share one producer between threads. Callbacks and future completions run on the
 * connection's I/O thread, in order per partition; keep them short.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class FlyMQProducer<K, V> implements Producer<K, V> {
  private final Serializer<K> keySerializer;
  private final Serializer<V> valueSerializer;
  private final ProducerEngine engine;

  /**
   * Creates a producer; it connects when the first record is sent.
   *
   * @throws IllegalArgumentException if the config is invalid (see {@link ProducerConfig})
   */
  public FlyMQProducer(
      ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    this.keySerializer = keySerializer;
    this.valueSerializer = valueSerializer;
    this.engine = new ProducerEngine(config);
  }

  /**
   * Creates a producer from string properties (Kafka's key names, see {@link ProducerConfig}).
   *
   * @throws IllegalArgumentException listing every unknown key and invalid value
   */
  public FlyMQProducer(
      Map<String, String> properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    this(ProducerConfig.fromProperties(properties), keySerializer, valueSerializer);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
    return send(record, null);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    byte[] key = keySerializer.serialize(record.topic(), record.key());
    byte[] value = valueSerializer.serialize(record.topic(), record.value());
    List<Header> headers = record.headers();
    return engine.send(
        record.topic(),
        record.partition(),
        record.timestamp(),
        key,
        value,
        headers.isEmpty() ? null : headers.toArray(new Header[0]),
        callback);
  }

  @Override
  public void flush() {
    engine.flush();
  }

  @Override
  public int partitionCount(String topic) {
    return engine.partitionCount(topic);
  }

  /** The low-level client this producer sends with (for administration on the same connection). */
  public FlyMQClient client() {
    return engine.client();
  }

  /** The partition a keyed record of this producer would go to. */
  public TopicPartition partitionFor(String topic, K key) {
    return new TopicPartition(
        topic, engine.partitionForKey(topic, keySerializer.serialize(topic, key)));
  }

  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }

  @Override
  public void close(Duration timeout) {
    engine.close(timeout);
  }
}
