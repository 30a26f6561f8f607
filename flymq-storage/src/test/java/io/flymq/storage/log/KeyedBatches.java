package io.flymq.storage.log;

import io.flymq.record.CompressionType;
import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;

/**
 * Keyed batches for compaction tests, built with our {@link RecordBatchBuilder}, written as {@code
 * "key=value"}: {@code "=value"} has no key, {@code "key="} is a tombstone (null value). Reading
 * returns {@code "offset:key=value"}, after checking every batch with kafka-clients.
 */
final class KeyedBatches {
  private KeyedBatches() {}

  static ByteBuffer batch(CompressionType compression, long timestamp, String... records) {
    RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
    for (int i = 0; i < records.length; i++) {
      String record = records[i];
      int eq = record.indexOf('=');
      String key = record.substring(0, eq);
      String value = record.substring(eq + 1);
      builder.append(
          timestamp + i, key.isEmpty() ? null : bytes(key), value.isEmpty() ? null : bytes(value));
    }
    return builder.build();
  }

  static ByteBuffer batch(long timestamp, String... records) {
    return batch(CompressionType.NONE, timestamp, records);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(ByteBuffer buffer) {
    return buffer == null ? "" : StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
  }

  /** Every record of the log from its start, in order. */
  static List<String> contents(PartitionLog log) throws IOException {
    List<String> out = new ArrayList<>();
    long offset = log.logStartOffset();
    while (offset < log.logEndOffset()) {
      LogSlice slice = log.read(offset, 4096);
      ByteBuffer batches = slice.readAll();
      validateWithKafka(batches);
      RecordBatch batch = new RecordBatch();
      for (int position = 0; position < batches.limit(); position += batch.sizeInBytes()) {
        batch.reset(batches, position);
        for (Record record : batch.records()) {
          out.add(record.offset() + ":" + text(record.key()) + "=" + text(record.value()));
        }
      }
      offset = slice.nextOffset();
    }
    return out;
  }

  /** Every batch passes kafka-clients' validation (CRC, sizes); returns them. */
  static List<MutableRecordBatch> validateWithKafka(ByteBuffer batches) {
    List<MutableRecordBatch> out = new ArrayList<>();
    for (MutableRecordBatch batch : MemoryRecords.readableRecords(batches.duplicate()).batches()) {
      batch.ensureValid();
      out.add(batch);
    }
    return out;
  }
}
