package io.flymq.bench.perf;

import io.flymq.client.producer.Callback;
import io.flymq.client.producer.Producer;
import io.flymq.client.producer.ProducerRecord;
import io.flymq.client.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A producer that acknowledges each record at once, failing the ones whose index is listed. */
final class FakeProducer implements Producer<byte[], byte[]> {
  final List<byte[]> values = new ArrayList<>();
  final List<Integer> failAt = new ArrayList<>();
  boolean closed;

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    return send(record, (m, e) -> {});
  }

  @Override
  public CompletableFuture<RecordMetadata> send(
      ProducerRecord<byte[], byte[]> record, Callback callback) {
    int index = values.size();
    values.add(record.value());
    if (failAt.contains(index)) {
      IllegalStateException failure = new IllegalStateException("failed " + index);
      callback.onCompletion(null, failure);
      return CompletableFuture.failedFuture(failure);
    }
    RecordMetadata metadata =
        new RecordMetadata(record.topic(), 0, index, 0, -1, record.value().length);
    callback.onCompletion(metadata, null);
    return CompletableFuture.completedFuture(metadata);
  }

  @Override
  public void flush() {}

  @Override
  public int partitionCount(String topic) {
    return 1;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void close(Duration timeout) {
    closed = true;
  }
}
