package io.flymq.storage.log;

import io.flymq.record.BatchCheck;
import io.flymq.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the batches of a region of a log file in order, validating each one (length, magic, record
 * count, CRC), through one reusable buffer. Used by recovery, index rebuilds and compaction.
 *
 * <p>Not thread-safe. The batch returned by {@link #batch()} is valid until the next call to {@link
 * #next()}.
 */
final class BatchScanner {
  private static final int INITIAL_BUFFER_BYTES = 256 * 1024;

  private final FileChannel channel;
  private final long limit;
  private final int maxBatchBytes;
  private final RecordBatch batch = new RecordBatch();
  private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BUFFER_BYTES);

  /** File position of buffer index 0. */
  private long bufferFilePosition;

  /** File position of the next batch. */
  private long position;

  private long batchPosition = -1;

  BatchScanner(FileChannel channel, long from, long limit, int maxBatchBytes) {
    this.channel = channel;
    this.position = from;
    this.bufferFilePosition = from;
    this.limit = limit;
    this.maxBatchBytes = maxBatchBytes;
    buffer.limit(0);
  }

  /**
   * Advances to the next batch.
   *
   * @return {@link BatchCheck#OK} with {@link #batch()} set; or the problem at {@link #position()},
   *     where {@link BatchCheck#TRUNCATED} at the very end of the region means "no more batches"
   *     when {@link #atEnd()} is true
   */
  BatchCheck next() throws IOException {
    if (!ensureBuffered(RecordBatch.LOG_OVERHEAD)) {
      return BatchCheck.TRUNCATED;
    }
    int index = (int) (position - bufferFilePosition);
    int length = buffer.getInt(index + RecordBatch.LENGTH_OFFSET);
    if (length < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
      return BatchCheck.BAD_LENGTH;
    }
    if ((long) length + RecordBatch.LOG_OVERHEAD > maxBatchBytes) {
      return BatchCheck.TOO_LARGE;
    }
    int size = length + RecordBatch.LOG_OVERHEAD;
    if (!ensureBuffered(size)) {
      return BatchCheck.TRUNCATED;
    }
    index = (int) (position - bufferFilePosition);
    BatchCheck check = RecordBatch.check(buffer, index, index + size, maxBatchBytes);
    if (check != BatchCheck.OK) {
      return check;
    }
    batch.reset(buffer, index);
    batchPosition = position;
    position += size;
    return BatchCheck.OK;
  }

  /** The batch found by the last successful {@link #next()}. */
  RecordBatch batch() {
    return batch;
  }

  /** File position of {@link #batch()}. */
  long batchPosition() {
    return batchPosition;
  }

  /** File position after the last good batch: where a problem was found, or the region's end. */
  long position() {
    return position;
  }

  boolean atEnd() {
    return position >= limit;
  }

  /**
   * Makes {@code bytes} bytes from {@link #position} available in the buffer, if the region has
   * them.
   */
  private boolean ensureBuffered(int bytes) throws IOException {
    if (position + bytes > limit) {
      return false;
    }
    long bufferEnd = bufferFilePosition + buffer.limit();
    if (position + bytes <= bufferEnd) {
      return true;
    }
    if (bytes > buffer.capacity()) {
      buffer = ByteBuffer.allocate(Math.max(bytes, buffer.capacity() * 2));
    }
    buffer.clear();
    bufferFilePosition = position;
    long toRead = Math.min(buffer.capacity(), limit - position);
    buffer.limit((int) toRead);
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, bufferFilePosition + buffer.position());
      if (read < 0) {
        break;
      }
    }
    buffer.flip();
    return buffer.limit() >= bytes;
  }
}
