package io.flymq.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * A flyweight over one record batch in Kafka's RecordBatch v2 layout (magic 2), the unit FlyMQ
 * stores on disk and ships on the wire. It reads and rewrites header fields in place; it never
 * copies the batch. The full layout and the meaning of every bit is in docs/storage-format.md.
 *
 * <pre>
 *  0                   8           12                16     17      21          23
 *  +-------------------+-----------+-----------------+------+-------+-----------+
 *  | baseOffset int64  | length i32| leaderEpoch i32 |magic | crc   | attributes|
 *  +-------------------+-----------+-----------------+------+-------+-----------+
 *  23                 27                  35                  43               51
 *  | lastOffsetDelta  | baseTimestamp i64 | maxTimestamp i64  | producerId i64 |
 *  51               53                 57                61
 *  | producerEpoch  | baseSequence i32 | recordCount i32 | records ...
 * </pre>
 *
 * {@code length} counts the bytes after the length field ({@code sizeInBytes() - 12}). The CRC32C
 * covers attributes to the end of the batch, so the broker assigns offsets and leader epochs by
 * rewriting those fields without touching the CRC.
 *
 * <p>Not thread-safe: a flyweight belongs to one thread at a time, like the buffer it wraps.
 */
public final class RecordBatch {
  public static final byte MAGIC = 2;

  public static final int BASE_OFFSET_OFFSET = 0;
  public static final int LENGTH_OFFSET = 8;
  public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
  public static final int MAGIC_OFFSET = 16;
  public static final int CRC_OFFSET = 17;
  public static final int ATTRIBUTES_OFFSET = 21;
  public static final int LAST_OFFSET_DELTA_OFFSET = 23;
  public static final int BASE_TIMESTAMP_OFFSET = 27;
  public static final int MAX_TIMESTAMP_OFFSET = 35;
  public static final int PRODUCER_ID_OFFSET = 43;
  public static final int PRODUCER_EPOCH_OFFSET = 51;
  public static final int BASE_SEQUENCE_OFFSET = 53;
  public static final int RECORD_COUNT_OFFSET = 57;
  public static final int RECORDS_OFFSET = 61;

  /** Size of the batch header; also the smallest possible batch (no records). */
  public static final int HEADER_SIZE = RECORDS_OFFSET;

  /** Bytes before the point where {@code length} starts counting. */
  public static final int LOG_OVERHEAD = 12;

  public static final int COMPRESSION_MASK = 0x07;
  public static final int TIMESTAMP_TYPE_MASK = 0x08;
  public static final int TRANSACTIONAL_MASK = 0x10;
  public static final int CONTROL_MASK = 0x20;
  public static final int DELETE_HORIZON_MASK = 0x40;

  /** FlyMQ's own bit: the records section is AES-256-GCM encrypted (never leaves the broker). */
  public static final int ENCRYPTED_MASK = 0x80;

  public static final long NO_PRODUCER_ID = -1L;
  public static final short NO_PRODUCER_EPOCH = -1;
  public static final int NO_SEQUENCE = -1;
  public static final int NO_PARTITION_LEADER_EPOCH = -1;
  public static final long NO_TIMESTAMP = -1L;

  private ByteBuffer buffer;
  private int start;

  /** Wraps the batch that starts at absolute index {@code start} of {@code buffer}. */
  public static RecordBatch wrap(ByteBuffer buffer, int start) {
    return new RecordBatch().reset(buffer, start);
  }

  /** Wraps the batch that starts at the buffer's position. */
  public static RecordBatch wrap(ByteBuffer buffer) {
    return wrap(buffer, buffer.position());
  }

  /** Points this flyweight at another batch; returns {@code this}. */
  public RecordBatch reset(ByteBuffer buffer, int start) {
    if (buffer.order() != ByteOrder.BIG_ENDIAN) {
      throw new IllegalArgumentException(
          "buffer order: " + buffer.order() + " (expected: BIG_ENDIAN)");
    }
    this.buffer = buffer;
    this.start = start;
    return this;
  }

  public ByteBuffer buffer() {
    return buffer;
  }

  /** Absolute index of the batch's first byte in {@link #buffer()}. */
  public int start() {
    return start;
  }

  public long baseOffset() {
    return buffer.getLong(start + BASE_OFFSET_OFFSET);
  }

  public void setBaseOffset(long baseOffset) {
    buffer.putLong(start + BASE_OFFSET_OFFSET, baseOffset);
  }

  /** The length field: bytes after it, {@code sizeInBytes() - 12}. */
  public int batchLength() {
    return buffer.getInt(start + LENGTH_OFFSET);
  }

  /** Total bytes of this batch, header included. */
  public int sizeInBytes() {
    return batchLength() + LOG_OVERHEAD;
  }

  public int partitionLeaderEpoch() {
    return buffer.getInt(start + PARTITION_LEADER_EPOCH_OFFSET);
  }

  public void setPartitionLeaderEpoch(int epoch) {
    buffer.putInt(start + PARTITION_LEADER_EPOCH_OFFSET, epoch);
  }

  public byte magic() {
    return buffer.get(start + MAGIC_OFFSET);
  }

  /** The stored CRC32C, unsigned. */
  public long crc() {
    return Integer.toUnsignedLong(buffer.getInt(start + CRC_OFFSET));
  }

  /** CRC32C of attributes..end as the bytes are now. */
  public long computeCrc() {
    return crc32c(buffer, start + ATTRIBUTES_OFFSET, sizeInBytes() - ATTRIBUTES_OFFSET);
  }

  /** Recomputes and stores the CRC after a change to a covered field. */
  public void updateCrc() {
    buffer.putInt(start + CRC_OFFSET, (int) computeCrc());
  }

  public boolean isCrcValid() {
    return crc() == computeCrc();
  }

  public short attributes() {
    return buffer.getShort(start + ATTRIBUTES_OFFSET);
  }

  /** Rewrites attributes; the caller recomputes the CRC ({@link #updateCrc()}). */
  public void setAttributes(short attributes) {
    buffer.putShort(start + ATTRIBUTES_OFFSET, attributes);
  }

  public CompressionType compression() {
    return CompressionType.forId(attributes() & COMPRESSION_MASK);
  }

  public TimestampType timestampType() {
    return (attributes() & TIMESTAMP_TYPE_MASK) == 0
        ? TimestampType.CREATE_TIME
        : TimestampType.LOG_APPEND_TIME;
  }

  public boolean isTransactional() {
    return (attributes() & TRANSACTIONAL_MASK) != 0;
  }

  public boolean isControl() {
    return (attributes() & CONTROL_MASK) != 0;
  }

  public boolean hasDeleteHorizon() {
    return (attributes() & DELETE_HORIZON_MASK) != 0;
  }

  public boolean isEncrypted() {
    return (attributes() & ENCRYPTED_MASK) != 0;
  }

  public int lastOffsetDelta() {
    return buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET);
  }

  public long lastOffset() {
    return baseOffset() + lastOffsetDelta();
  }

  public long nextOffset() {
    return lastOffset() + 1;
  }

  public long baseTimestamp() {
    return buffer.getLong(start + BASE_TIMESTAMP_OFFSET);
  }

  public long maxTimestamp() {
    return buffer.getLong(start + MAX_TIMESTAMP_OFFSET);
  }

  /**
   * Marks the batch as LOG_APPEND_TIME with the given time (the broker's clock) and recomputes the
   * CRC, which covers both fields. Record timestamps then read as this time.
   */
  public void stampLogAppendTime(long timestampMs) {
    setAttributes((short) (attributes() | TIMESTAMP_TYPE_MASK));
    buffer.putLong(start + MAX_TIMESTAMP_OFFSET, timestampMs);
    updateCrc();
  }

  public long producerId() {
    return buffer.getLong(start + PRODUCER_ID_OFFSET);
  }

  public short producerEpoch() {
    return buffer.getShort(start + PRODUCER_EPOCH_OFFSET);
  }

  public int baseSequence() {
    return buffer.getInt(start + BASE_SEQUENCE_OFFSET);
  }

  public int recordCount() {
    return buffer.getInt(start + RECORD_COUNT_OFFSET);
  }

  /** A view of the whole batch, positioned at 0, sharing (and able to write) the batch's bytes. */
  public ByteBuffer slice() {
    return buffer.slice(start, sizeInBytes()).order(ByteOrder.BIG_ENDIAN);
  }

  /** A view of the records section (possibly compressed or encrypted), positioned at 0. */
  public ByteBuffer recordsSection() {
    return buffer
        .slice(start + RECORDS_OFFSET, sizeInBytes() - RECORDS_OFFSET)
        .order(ByteOrder.BIG_ENDIAN);
  }

  /**
   * The records of this batch, decoded with the default decompression limit; see {@link
   * RecordReader}. The reader copies the header fields it needs when created; records of an
   * uncompressed batch stay views of this batch's buffer.
   *
   * @throws CorruptRecordException if the batch is malformed or decompresses past the limit
   * @throws IllegalStateException if the batch is encrypted (decrypt first)
   */
  public RecordReader records() {
    return RecordReader.of(this);
  }

  /**
   * Checks that the batch at {@code start} is complete within {@code limit} bytes and
   * self-consistent: magic 2, sane length, record count and offset delta, and a CRC that matches.
   *
   * @return {@link BatchCheck#OK} or the first problem found; never throws on any byte content
   */
  public static BatchCheck check(ByteBuffer buffer, int start, int limit, int maxBatchSize) {
    int available = limit - start;
    if (available < LOG_OVERHEAD) {
      return BatchCheck.TRUNCATED;
    }
    int length = buffer.getInt(start + LENGTH_OFFSET);
    if (length < HEADER_SIZE - LOG_OVERHEAD) {
      return BatchCheck.BAD_LENGTH;
    }
    if ((long) length + LOG_OVERHEAD > maxBatchSize) {
      return BatchCheck.TOO_LARGE;
    }
    if (available < length + LOG_OVERHEAD) {
      return BatchCheck.TRUNCATED;
    }
    if (buffer.get(start + MAGIC_OFFSET) != MAGIC) {
      return BatchCheck.BAD_MAGIC;
    }
    int count = buffer.getInt(start + RECORD_COUNT_OFFSET);
    int lastDelta = buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET);
    if (count < 0 || lastDelta < 0 || (count > 0 && lastDelta < count - 1)) {
      return BatchCheck.BAD_RECORD_COUNT;
    }
    long stored = Integer.toUnsignedLong(buffer.getInt(start + CRC_OFFSET));
    long actual =
        crc32c(buffer, start + ATTRIBUTES_OFFSET, length + LOG_OVERHEAD - ATTRIBUTES_OFFSET);
    return stored == actual ? BatchCheck.OK : BatchCheck.BAD_CRC;
  }

  /** CRC32C of {@code length} bytes of {@code buffer} from absolute index {@code from}. */
  public static long crc32c(ByteBuffer buffer, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(buffer.slice(from, length));
    return crc.getValue();
  }

  @Override
  public String toString() {
    return "RecordBatch(baseOffset="
        + baseOffset()
        + ", lastOffset="
        + lastOffset()
        + ", size="
        + sizeInBytes()
        + ", records="
        + recordCount()
        + ", compression="
        + compression()
        + ", timestampType="
        + timestampType()
        + ", maxTimestamp="
        + maxTimestamp()
        + ")";
  }
}
