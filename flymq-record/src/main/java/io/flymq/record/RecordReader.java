package io.flymq.record;

import io.flymq.record.compress.DecompressionException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Decodes the records of one batch. An uncompressed batch is read in place; a compressed one is
 * decompressed once, when the reader is created, into one buffer capped at a size limit (a
 * decompression bomb fails with {@link CorruptRecordException} instead of exhausting memory), and
 * records are views into that buffer.
 *
 * <p>The reader checks the batch's structure (magic, length within the buffer, compression id) and
 * every record, but not the CRC: call {@link RecordBatch#check} first where the bytes come from
 * outside. Whatever the bytes, reading throws {@link CorruptRecordException} and nothing else,
 * except {@link IllegalStateException} for a batch still encrypted at rest.
 *
 * <p>Two ways to read: {@link #iterator()} yields a new {@link Record} per record, each valid on
 * its own; {@link #cursor()} reuses one {@code Record} for hot paths that allocate nothing per
 * record. A reader may be iterated many times; it is not thread-safe, but the records an iterator
 * returns are.
 */
public final class RecordReader implements Iterable<Record> {
  /** Default cap on a batch's decompressed records section. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

  private static final int MIN_RECORD_SIZE = 7;

  private final ByteBuffer section;
  private final int recordCount;
  private final long baseOffset;
  private final long baseTimestamp;
  private final long logAppendTime;

  private RecordReader(RecordBatch batch, int maxDecompressedBytes) {
    checkStructure(batch);
    this.recordCount = batch.recordCount();
    this.baseOffset = batch.baseOffset();
    this.baseTimestamp = batch.baseTimestamp();
    this.logAppendTime =
        batch.timestampType() == TimestampType.LOG_APPEND_TIME
            ? batch.maxTimestamp()
            : RecordBatch.NO_TIMESTAMP;
    this.section = decode(batch, compressionOf(batch), maxDecompressedBytes);
    if (recordCount < 0 || recordCount > section.remaining() / MIN_RECORD_SIZE) {
      throw new CorruptRecordException(
          "record count: "
              + recordCount
              + " (expected: 0-"
              + section.remaining() / MIN_RECORD_SIZE
              + " for a "
              + section.remaining()
              + "-byte records section)");
    }
    if (recordCount == 0 && section.hasRemaining()) {
      throw new CorruptRecordException(
          "records section: "
              + section.remaining()
              + " bytes in a batch of 0 records (expected: 0)");
    }
  }

  /** Reads {@code batch} with the default decompression limit. */
  public static RecordReader of(RecordBatch batch) {
    return of(batch, DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  /**
   * @param maxDecompressedBytes largest records section a compressed batch may decompress to
   * @throws CorruptRecordException if the batch is malformed or decompresses past the limit
   * @throws IllegalStateException if the batch is encrypted (decrypt it first)
   */
  public static RecordReader of(RecordBatch batch, int maxDecompressedBytes) {
    if (maxDecompressedBytes < 0) {
      throw new IllegalArgumentException(
          "maxDecompressedBytes: " + maxDecompressedBytes + " (expected: >= 0)");
    }
    return new RecordReader(batch, maxDecompressedBytes);
  }

  private static void checkStructure(RecordBatch batch) {
    ByteBuffer buffer = batch.buffer();
    int available = buffer.limit() - batch.start();
    if (available < RecordBatch.HEADER_SIZE) {
      throw new CorruptRecordException(
          "batch: " + available + " bytes (expected: >= " + RecordBatch.HEADER_SIZE + ")");
    }
    int length = batch.batchLength();
    if (length < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD
        || length > available - RecordBatch.LOG_OVERHEAD) {
      throw new CorruptRecordException(
          "batch length: "
              + length
              + " (expected: "
              + (RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD)
              + "-"
              + (available - RecordBatch.LOG_OVERHEAD)
              + ")");
    }
    if (batch.magic() != RecordBatch.MAGIC) {
      throw new CorruptRecordException(
          "magic: " + batch.magic() + " (expected: " + RecordBatch.MAGIC + ")");
    }
    if (batch.isEncrypted()) {
      throw new IllegalStateException(
          "decrypt first: batch at offset " + batch.baseOffset() + " is encrypted at rest");
    }
  }

  private static CompressionType compressionOf(RecordBatch batch) {
    try {
      return batch.compression();
    } catch (IllegalArgumentException e) {
      throw new CorruptRecordException(e.getMessage(), e);
    }
  }

  private static ByteBuffer decode(
      RecordBatch batch, CompressionType compression, int maxDecompressedBytes) {
    ByteBuffer stored = batch.recordsSection();
    if (compression == CompressionType.NONE) {
      return stored.asReadOnlyBuffer();
    }
    try {
      return CompressionCodecs.forType(compression)
          .decompress(stored, maxDecompressedBytes)
          .asReadOnlyBuffer();
    } catch (DecompressionException e) {
      throw new CorruptRecordException(
          "batch at offset " + batch.baseOffset() + ": " + e.getMessage(), e);
    }
  }

  /** The record count from the batch header. */
  public int recordCount() {
    return recordCount;
  }

  /** Bytes of the decoded (decompressed) records section. */
  public int decodedSizeInBytes() {
    return section.remaining();
  }

  /**
   * A new iterator; each {@link Iterator#next()} returns a fresh {@link Record}.
   *
   * @throws CorruptRecordException from {@code next()} on a malformed record, or when the records
   *     section does not end exactly after the last counted record
   */
  @Override
  public Iterator<Record> iterator() {
    Cursor cursor = cursor();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return cursor.index < recordCount;
      }

      @Override
      public Record next() {
        if (!hasNext()) {
          throw new NoSuchElementException("all " + recordCount + " records read");
        }
        Record record = new Record();
        cursor.advanceInto(record);
        return record;
      }
    };
  }

  /** A new cursor that re-wraps a single {@link Record} on each {@link Cursor#next()}. */
  public Cursor cursor() {
    return new Cursor();
  }

  /** Walks the records with one reusable {@link Record}. Not thread-safe. */
  public final class Cursor {
    private final ByteBuffer position = section.duplicate();
    private final Record record = new Record();
    private int index;

    private Cursor() {}

    /**
     * Moves to the next record.
     *
     * @return false after the last record
     * @throws CorruptRecordException on a malformed record or trailing bytes after the last one
     */
    public boolean next() {
      if (index >= recordCount) {
        return false;
      }
      advanceInto(record);
      return true;
    }

    /** The current record; re-wrapped by the next call to {@link #next()}. */
    public Record record() {
      return record;
    }

    private void advanceInto(Record target) {
      target.wrap(section, position, baseOffset, baseTimestamp, logAppendTime);
      index++;
      if (index == recordCount && position.hasRemaining()) {
        throw new CorruptRecordException(
            "records section: "
                + position.remaining()
                + " bytes after the last of "
                + recordCount
                + " records (expected: 0)");
      }
    }
  }
}
