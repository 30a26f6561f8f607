package io.flymq.bench.storage;

import io.flymq.record.BatchCheck;
import io.flymq.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Builds uncompressed RecordBatch v2 bytes for the storage benchmarks, standing in for the record
 * batch builder until it lands. Each record has a null key, a {@code recordBytes} random value and
 * no headers, encoded as Kafka does:
 *
 * <pre>
 *  length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
 *  | keyLength varint (-1) | valueLength varint | value | headerCount varint (0)
 * </pre>
 *
 * Varints are zigzag-encoded, 7 bits per byte, low bits first. The batch holds as many records as
 * fit in {@code batchBytes} together with the 61-byte header; every batch is checked with {@link
 * RecordBatch#check} so a wrong encoding fails the benchmark setup, not its numbers.
 *
 * <p>Stateless and thread-safe.
 */
final class BenchBatches {
  private BenchBatches() {}

  /**
   * A valid batch in a direct buffer of exactly its size, positioned at 0.
   *
   * @throws IllegalArgumentException when not even one record fits in {@code batchBytes}
   */
  static ByteBuffer build(int recordBytes, int batchBytes, long seed) {
    if (recordBytes < 0) {
      throw new IllegalArgumentException("recordBytes: " + recordBytes + " (expected: >= 0)");
    }
    ByteBuffer heap = ByteBuffer.allocate(batchBytes).order(ByteOrder.BIG_ENDIAN);
    // Producer timestamps are now, records 1 ms apart, so time-based retention never sees them as
    // old.
    long baseTimestampMs = System.currentTimeMillis();
    byte[] value = new byte[recordBytes];
    new SplittableRandom(seed).nextBytes(value);
    heap.position(RecordBatch.RECORDS_OFFSET);
    int count = 0;
    while (heap.remaining() >= encodedRecordSize(count, recordBytes)) {
      writeRecord(heap, count, value);
      count++;
    }
    if (count == 0) {
      throw new IllegalArgumentException(
          "batchBytes: "
              + batchBytes
              + " (expected: room for the "
              + RecordBatch.HEADER_SIZE
              + "-byte header and one "
              + recordBytes
              + "-byte record)");
    }
    int size = heap.position();
    heap.putLong(RecordBatch.BASE_OFFSET_OFFSET, 0L);
    heap.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
    heap.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, RecordBatch.NO_PARTITION_LEADER_EPOCH);
    heap.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
    heap.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 0);
    heap.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, count - 1);
    heap.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestampMs);
    heap.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, baseTimestampMs + count - 1);
    heap.putLong(RecordBatch.PRODUCER_ID_OFFSET, RecordBatch.NO_PRODUCER_ID);
    heap.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, RecordBatch.NO_PRODUCER_EPOCH);
    heap.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, RecordBatch.NO_SEQUENCE);
    heap.putInt(RecordBatch.RECORD_COUNT_OFFSET, count);

    ByteBuffer direct = ByteBuffer.allocateDirect(size).order(ByteOrder.BIG_ENDIAN);
    direct.put(heap.flip()).flip();
    RecordBatch.wrap(direct, 0).updateCrc();
    BatchCheck check = RecordBatch.check(direct, 0, size, Integer.MAX_VALUE);
    if (check != BatchCheck.OK) {
      throw new IllegalStateException(
          "benchmark batch encoding is wrong: " + check + " (" + check.description() + ")");
    }
    return direct;
  }

  /**
   * A copy of {@code batch} in its own direct buffer (the log owns an appended buffer until it
   * completes).
   */
  static ByteBuffer copyOf(ByteBuffer batch) {
    ByteBuffer copy = ByteBuffer.allocateDirect(batch.remaining()).order(ByteOrder.BIG_ENDIAN);
    return copy.put(batch.duplicate()).flip();
  }

  private static void writeRecord(ByteBuffer out, int offsetDelta, byte[] value) {
    writeVarint(out, bodySize(offsetDelta, value.length));
    out.put((byte) 0);
    writeVarlong(out, offsetDelta);
    writeVarint(out, offsetDelta);
    writeVarint(out, -1);
    writeVarint(out, value.length);
    out.put(value);
    writeVarint(out, 0);
  }

  private static int encodedRecordSize(int offsetDelta, int valueBytes) {
    int body = bodySize(offsetDelta, valueBytes);
    return varlongSize(body) + body;
  }

  /** Bytes after the record's length field; the timestamp delta equals the offset delta. */
  private static int bodySize(int offsetDelta, int valueBytes) {
    return 1
        + varlongSize(offsetDelta)
        + varlongSize(offsetDelta)
        + varlongSize(-1)
        + varlongSize(valueBytes)
        + valueBytes
        + varlongSize(0);
  }

  private static int varlongSize(long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    int bytes = 1;
    while ((zigzag & ~0x7FL) != 0) {
      zigzag >>>= 7;
      bytes++;
    }
    return bytes;
  }

  private static void writeVarint(ByteBuffer out, int value) {
    writeVarlong(out, value);
  }

  private static void writeVarlong(ByteBuffer out, long value) {
    // A zigzag-encoded int and long have the same bytes for any int value, so one writer serves
    // both.
    long zigzag = (value << 1) ^ (value >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      out.put((byte) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.put((byte) zigzag);
  }
}
