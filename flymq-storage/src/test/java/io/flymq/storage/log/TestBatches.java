package io.flymq.storage.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;

/**
 * Record batches for log tests, encoded by kafka-clients (an independent encoder of the same
 * format), and decoding of what the log returns.
 */
final class TestBatches {
  private TestBatches() {}

  /**
   * A batch of {@code count} records "k-i"/"tag-i-<padding>" with timestamps from {@code
   * firstTimestamp}.
   */
  static ByteBuffer batch(String tag, int count, int valueBytes, long firstTimestamp) {
    ByteBuffer buffer = ByteBuffer.allocate(128 + count * (valueBytes + 64));
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(buffer, Compression.NONE, TimestampType.CREATE_TIME, 0L);
    for (int i = 0; i < count; i++) {
      builder.append(
          firstTimestamp + i,
          ("k-" + i).getBytes(StandardCharsets.UTF_8),
          value(tag, i, valueBytes));
    }
    return builder.build().buffer();
  }

  static ByteBuffer batch(String tag, int count) {
    return batch(tag, count, 16, 1_000L);
  }

  static byte[] value(String tag, int index, int valueBytes) {
    String text = tag + "-" + index + "-";
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < valueBytes) {
      padded.append('x');
    }
    return padded.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** "offset:value" for every record in the buffer's batches, via kafka-clients' reader. */
  static java.util.List<String> decode(ByteBuffer batches) {
    java.util.List<String> out = new java.util.ArrayList<>();
    MemoryRecords records = MemoryRecords.readableRecords(batches.duplicate());
    for (var batch : records.batches()) {
      batch.ensureValid();
      for (Record record : batch) {
        byte[] value = new byte[record.valueSize()];
        record.value().get(value);
        out.add(record.offset() + ":" + new String(value, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
