package io.flymq.client.internal.consumer;

import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.consumer.RecordDeserializationException;
import io.flymq.client.serde.Deserializer;
import io.flymq.record.Record;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns a {@link Record} view into a {@link ConsumerRecord}: copies the key and value bytes out of
 * the fetched buffer and runs the deserializers. The only allocations per record are the record
 * itself, the copied bytes the {@link Deserializer} contract asks for, the deserialized objects and
 * the header list (absent when there are no headers); header values stay views of the fetched
 * buffer.
 *
 * <p>Runs on the polling thread. Thread-safe as far as the deserializers are.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecordDecoder<K, V> {
  private final Deserializer<K> keyDeserializer;
  private final Deserializer<V> valueDeserializer;

  /**
   * @param keyDeserializer turns key bytes (or null) into keys
   * @param valueDeserializer turns value bytes (or null) into values
   */
  public RecordDecoder(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
    this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
    this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
  }

  /**
   * Decodes one record.
   *
   * @throws RecordDeserializationException if a deserializer throws
   */
  public ConsumerRecord<K, V> decode(TopicPartition partition, Record record) {
    String topic = partition.topic();
    K key;
    try {
      key = keyDeserializer.deserialize(topic, record.hasKey() ? bytes(record.key()) : null);
    } catch (RuntimeException e) {
      throw new RecordDeserializationException(partition, record.offset(), "key", e);
    }
    V value;
    try {
      value =
          valueDeserializer.deserialize(topic, record.hasValue() ? bytes(record.value()) : null);
    } catch (RuntimeException e) {
      throw new RecordDeserializationException(partition, record.offset(), "value", e);
    }
    return new ConsumerRecord<>(
        topic,
        partition.partition(),
        record.offset(),
        record.timestamp(),
        key,
        value,
        record.headers());
  }

  private static byte[] bytes(ByteBuffer view) {
    byte[] copy = new byte[view.remaining()];
    view.get(copy);
    return copy;
  }
}
