package io.flymq.storage.crypto;

import io.flymq.record.RecordBatch;
import java.nio.ByteBuffer;

/** Hand-built RecordBatch v2 headers around arbitrary records sections, for cipher tests. */
final class TestBatches {
  private TestBatches() {}

  /** A valid plaintext batch (magic 2, CRC set) with {@code records} as its records section. */
  static ByteBuffer batch(long baseOffset, short attributes, int recordCount, byte[] records) {
    ByteBuffer buffer = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + records.length);
    buffer.putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset);
    buffer.putInt(RecordBatch.LENGTH_OFFSET, buffer.capacity() - RecordBatch.LOG_OVERHEAD);
    buffer.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, 7);
    buffer.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
    buffer.putShort(RecordBatch.ATTRIBUTES_OFFSET, attributes);
    buffer.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, Math.max(0, recordCount - 1));
    buffer.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, 1_700_000_000_000L);
    buffer.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, 1_700_000_000_500L);
    buffer.putLong(RecordBatch.PRODUCER_ID_OFFSET, 4242L);
    buffer.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, (short) 3);
    buffer.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, 100);
    buffer.putInt(RecordBatch.RECORD_COUNT_OFFSET, recordCount);
    buffer.put(RecordBatch.RECORDS_OFFSET, records);
    RecordBatch.wrap(buffer, 0).updateCrc();
    return buffer;
  }

  static ByteBuffer batch(byte[] records) {
    return batch(0L, (short) 0, 3, records);
  }

  static ByteBuffer copy(ByteBuffer buffer) {
    ByteBuffer copy = ByteBuffer.allocate(buffer.capacity());
    copy.put(0, buffer, 0, buffer.capacity());
    return copy;
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.capacity()];
    buffer.get(0, bytes);
    return bytes;
  }
}
