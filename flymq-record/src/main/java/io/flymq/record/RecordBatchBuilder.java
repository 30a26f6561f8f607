package io.flymq.record;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds one complete record batch in the v2 layout of {@link RecordBatch}, byte-identical to what
 * kafka-clients' {@code MemoryRecordsBuilder} writes for the same records and settings.
 *
 * <p>Records are encoded as they are appended, uncompressed, into one growable buffer that reserves
 * room for the batch header; {@link #build()} compresses the records section once (if a codec is
 * set), then fills the header and the CRC32C. Record i gets offset delta i (or, through {@link
 * #appendWithOffset}, its own offset minus the base offset, as compaction needs) and timestamp
 * delta {@code timestamp - baseTimestamp}, where baseTimestamp is the first record's timestamp, or
 * the delete horizon when one is set ({@link #deleteHorizon}, as Kafka's {@code
 * MemoryRecordsBuilder} does). Header settings may change until {@code build()}; after it the
 * builder is spent.
 *
 * <p>Not thread-safe: one producer thread fills one builder.
 */
public final class RecordBatchBuilder {
  private static final int DEFAULT_INITIAL_CAPACITY = 1024;
  private static final int NULL_LENGTH = -1;

  private CompressionType compression = CompressionType.NONE;
  private long baseOffset;
  private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
  private TimestampType timestampType = TimestampType.CREATE_TIME;
  private long logAppendTime = RecordBatch.NO_TIMESTAMP;
  private long producerId = RecordBatch.NO_PRODUCER_ID;
  private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
  private int baseSequence = RecordBatch.NO_SEQUENCE;
  private boolean transactional;
  private boolean control;
  private long deleteHorizonMs = RecordBatch.NO_TIMESTAMP;

  private ByteBuffer buffer;
  private int recordCount;
  private int lastOffsetDelta = -1;
  private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
  private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
  private boolean built;

  public RecordBatchBuilder() {
    this(DEFAULT_INITIAL_CAPACITY);
  }

  /**
   * @param initialCapacity bytes to allocate up front, header included (e.g. batch.size)
   */
  public RecordBatchBuilder(int initialCapacity) {
    this.buffer = ByteBuffer.allocate(Math.max(RecordBatch.HEADER_SIZE, initialCapacity));
    buffer.position(RecordBatch.RECORDS_OFFSET);
  }

  public RecordBatchBuilder compression(CompressionType compression) {
    this.compression = requireNonNull(compression, "compression");
    return this;
  }

  public RecordBatchBuilder baseOffset(long baseOffset) {
    this.baseOffset = baseOffset;
    return this;
  }

  public RecordBatchBuilder partitionLeaderEpoch(int partitionLeaderEpoch) {
    this.partitionLeaderEpoch = partitionLeaderEpoch;
    return this;
  }

  /** CREATE_TIME (default), or LOG_APPEND_TIME together with {@link #logAppendTime}. */
  public RecordBatchBuilder timestampType(TimestampType timestampType) {
    this.timestampType = requireNonNull(timestampType, "timestampType");
    return this;
  }

  /** The broker's append time, stored as max timestamp of a LOG_APPEND_TIME batch. */
  public RecordBatchBuilder logAppendTime(long logAppendTimeMs) {
    this.logAppendTime = logAppendTimeMs;
    return this;
  }

  /** Idempotent/transactional producer state; defaults are -1 (none). */
  public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
    this.baseSequence = baseSequence;
    return this;
  }

  public RecordBatchBuilder transactional(boolean transactional) {
    this.transactional = transactional;
    return this;
  }

  /** Marks a control batch (transaction markers); its records are control records. */
  public RecordBatchBuilder control(boolean control) {
    this.control = control;
    return this;
  }

  /**
   * Sets the delete horizon of a compacted batch holding tombstones (KIP-534): attributes bit 6 is
   * set and the baseTimestamp field holds {@code horizonMs}; record timestamps are encoded relative
   * to it, so they read back unchanged. Must be called before the first append.
   *
   * @param horizonMs >= 0, or -1 for none
   * @throws IllegalStateException after the first append
   */
  public RecordBatchBuilder deleteHorizon(long horizonMs) {
    if (recordCount > 0 || built) {
      throw new IllegalStateException(
          "deleteHorizon after append (expected: set before the first record)");
    }
    if (horizonMs < 0 && horizonMs != RecordBatch.NO_TIMESTAMP) {
      throw new IllegalArgumentException("horizonMs: " + horizonMs + " (expected: >= 0 or -1)");
    }
    this.deleteHorizonMs = horizonMs;
    return this;
  }

  /**
   * Appends a record with an explicit offset, for batches rewritten by compaction whose records
   * keep their original offsets: the offset delta is {@code offset - baseOffset}, and the batch's
   * lastOffsetDelta is that of the last record appended.
   *
   * @throws IllegalArgumentException if the offset is not above the previous record's, is below the
   *     base offset, or is more than {@code Integer.MAX_VALUE} past it
   */
  public int appendWithOffset(
      long offset, long timestampMs, ByteBuffer key, ByteBuffer value, Header... headers) {
    long delta = offset - baseOffset;
    if (delta <= lastOffsetDelta || delta > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "offset: "
              + offset
              + " (expected: > "
              + (baseOffset + lastOffsetDelta)
              + " and <= baseOffset + "
              + Integer.MAX_VALUE
              + ")");
    }
    return appendRecord((int) delta, timestampMs, key, value, headers);
  }

  /**
   * Appends a record; key, value and header values are copied from their positions to their limits,
   * which are left unchanged.
   *
   * @param timestampMs creation time, >= 0, or -1 for none
   * @return the record's offset delta in this batch
   * @throws IllegalArgumentException for a negative timestamp other than -1
   * @throws IllegalStateException after {@link #build()}
   */
  public int append(long timestampMs, ByteBuffer key, ByteBuffer value, Header... headers) {
    return appendRecord(lastOffsetDelta + 1, timestampMs, key, value, headers);
  }

  private int appendRecord(
      int offsetDelta, long timestampMs, ByteBuffer key, ByteBuffer value, Header[] headers) {
    if (built) {
      throw new IllegalStateException("append after build (expected: a new builder per batch)");
    }
    if (timestampMs < 0 && timestampMs != RecordBatch.NO_TIMESTAMP) {
      throw new IllegalArgumentException("timestamp: " + timestampMs + " (expected: >= 0 or -1)");
    }
    if (recordCount == 0) {
      baseTimestamp = deleteHorizonMs != RecordBatch.NO_TIMESTAMP ? deleteHorizonMs : timestampMs;
    }
    long timestampDelta = timestampMs - baseTimestamp;
    int bodySize = bodySize(timestampDelta, offsetDelta, key, value, headers);
    ensureRoom(Varints.sizeOfVarint(bodySize) + bodySize);
    Varints.writeVarint(bodySize, buffer);
    buffer.put((byte) 0); // record attributes: unused in v2
    Varints.writeVarlong(timestampDelta, buffer);
    Varints.writeVarint(offsetDelta, buffer);
    writeNullableBytes(key);
    writeNullableBytes(value);
    Varints.writeVarint(headers.length, buffer);
    for (Header header : headers) {
      Varints.writeVarint(Utf8.encodedLength(header.key()), buffer);
      Utf8.encode(header.key(), buffer);
      writeNullableBytes(header.value());
    }
    recordCount++;
    lastOffsetDelta = offsetDelta;
    if (timestampMs > maxTimestamp) {
      maxTimestamp = timestampMs;
    }
    return offsetDelta;
  }

  /** {@link #append(long, ByteBuffer, ByteBuffer, Header...)} for arrays; null allowed. */
  public int append(long timestampMs, byte[] key, byte[] value, Header... headers) {
    return append(
        timestampMs,
        key == null ? null : ByteBuffer.wrap(key),
        value == null ? null : ByteBuffer.wrap(value),
        headers);
  }

  private static int bodySize(
      long timestampDelta, int offsetDelta, ByteBuffer key, ByteBuffer value, Header[] headers) {
    int size =
        1
            + Varints.sizeOfVarlong(timestampDelta)
            + Varints.sizeOfVarint(offsetDelta)
            + sizeOfNullableBytes(key)
            + sizeOfNullableBytes(value)
            + Varints.sizeOfVarint(headers.length);
    for (Header header : headers) {
      requireNonNull(header, "header");
      int keyLength = Utf8.encodedLength(header.key());
      size += Varints.sizeOfVarint(keyLength) + keyLength + sizeOfNullableBytes(header.value());
    }
    return size;
  }

  private static int sizeOfNullableBytes(ByteBuffer bytes) {
    return bytes == null
        ? Varints.sizeOfVarint(NULL_LENGTH)
        : Varints.sizeOfVarint(bytes.remaining()) + bytes.remaining();
  }

  private void writeNullableBytes(ByteBuffer bytes) {
    if (bytes == null) {
      Varints.writeVarint(NULL_LENGTH, buffer);
      return;
    }
    int length = bytes.remaining();
    Varints.writeVarint(length, buffer);
    buffer.put(buffer.position(), bytes, bytes.position(), length);
    buffer.position(buffer.position() + length);
  }

  private void ensureRoom(int bytes) {
    if (buffer.remaining() >= bytes) {
      return;
    }
    long needed = (long) buffer.position() + bytes;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("batch size: " + needed + " bytes (expected: < 2 GiB)");
    }
    int capacity =
        (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, (long) buffer.capacity() * 2));
    ByteBuffer grown = ByteBuffer.allocate(capacity);
    grown.put(buffer.flip());
    buffer = grown;
  }

  public int recordCount() {
    return recordCount;
  }

  /**
   * Size of the batch if built now, uncompressed: exact without compression, an upper estimate with
   * it (compressed sections are usually much smaller). A producer compares it to batch.size.
   */
  public int estimatedSizeInBytes() {
    return buffer.position();
  }

  /**
   * Builds the batch.
   *
   * @return a big-endian buffer holding exactly one batch: position 0, limit = batch size
   * @throws IllegalStateException if no record was appended, if LOG_APPEND_TIME has no {@link
   *     #logAppendTime}, or if called twice
   */
  public ByteBuffer build() {
    if (built) {
      throw new IllegalStateException("build called twice (expected: a new builder per batch)");
    }
    if (recordCount == 0) {
      throw new IllegalStateException("record count: 0 (expected: at least one appended record)");
    }
    if (timestampType == TimestampType.LOG_APPEND_TIME
        && logAppendTime == RecordBatch.NO_TIMESTAMP) {
      throw new IllegalStateException(
          "LOG_APPEND_TIME without logAppendTime (expected: logAppendTime(ms) set)");
    }
    built = true;
    ByteBuffer batch = compression == CompressionType.NONE ? buffer.flip() : compressedBatch();
    writeHeader(batch);
    return batch.order(ByteOrder.BIG_ENDIAN);
  }

  private ByteBuffer compressedBatch() {
    ByteBuffer records =
        buffer.slice(RecordBatch.RECORDS_OFFSET, buffer.position() - RecordBatch.RECORDS_OFFSET);
    ByteBuffer compressed = CompressionCodecs.forType(compression).compress(records);
    ByteBuffer batch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + compressed.remaining());
    batch.position(RecordBatch.RECORDS_OFFSET).put(compressed).flip();
    return batch;
  }

  private void writeHeader(ByteBuffer batch) {
    long batchMaxTimestamp =
        timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp;
    batch
        .putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset)
        .putInt(RecordBatch.LENGTH_OFFSET, batch.limit() - RecordBatch.LOG_OVERHEAD)
        .putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch)
        .put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC)
        .putShort(RecordBatch.ATTRIBUTES_OFFSET, attributes())
        .putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta)
        .putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp)
        .putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, batchMaxTimestamp)
        .putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId)
        .putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch)
        .putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence)
        .putInt(RecordBatch.RECORD_COUNT_OFFSET, recordCount);
    RecordBatch.wrap(batch, 0).updateCrc();
  }

  private short attributes() {
    int attributes = compression.id();
    if (timestampType == TimestampType.LOG_APPEND_TIME) {
      attributes |= RecordBatch.TIMESTAMP_TYPE_MASK;
    }
    if (transactional) {
      attributes |= RecordBatch.TRANSACTIONAL_MASK;
    }
    if (control) {
      attributes |= RecordBatch.CONTROL_MASK;
    }
    if (deleteHorizonMs != RecordBatch.NO_TIMESTAMP) {
      attributes |= RecordBatch.DELETE_HORIZON_MASK;
    }
    return (short) attributes;
  }
}
