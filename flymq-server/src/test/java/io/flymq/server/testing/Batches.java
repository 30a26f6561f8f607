package io.flymq.server.testing;

import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Record batches for tests: build one from string values, read the values back out of fetched
 * bytes.
 */
public final class Batches {
  private Batches() {}

  /** One offset and value read back from a fetch. */
  public record Value(long offset, String value) {}

  /** An uncompressed RecordBatch v2 with one record per value (no key, timestamp now). */
  public static ByteBuffer of(String... values) {
    RecordBatchBuilder builder = new RecordBatchBuilder();
    long now = System.currentTimeMillis();
    for (String value : values) {
      builder.append(now, null, value.getBytes(StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  /**
   * Every record of the whole batches in {@code records} (as FETCH_BATCHES returns them), with its
   * offset; records below {@code fromOffset} are skipped (a batch may start before the fetch
   * offset).
   */
  public static List<Value> values(ByteBuffer records, long fromOffset) {
    ByteBuffer buffer = records.slice().order(ByteOrder.BIG_ENDIAN);
    List<Value> values = new ArrayList<>();
    int position = 0;
    while (buffer.limit() - position >= RecordBatch.LOG_OVERHEAD) {
      RecordBatch batch = RecordBatch.wrap(buffer, position);
      if (position + batch.sizeInBytes() > buffer.limit()) {
        break;
      }
      for (Record record : batch.records()) {
        if (record.offset() >= fromOffset) {
          ByteBuffer value = record.value();
          byte[] bytes = new byte[value.remaining()];
          value.get(bytes);
          values.add(new Value(record.offset(), new String(bytes, StandardCharsets.UTF_8)));
        }
      }
      position += batch.sizeInBytes();
    }
    return values;
  }
}
