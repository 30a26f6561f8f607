package io.flymq.storage.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Whole record batches returned by {@link PartitionLog#read}: either a region of a segment file
 * (sendable with zero copy, e.g. Netty's {@code DefaultFileRegion} over {@link #channel()}) or a
 * buffer (when the batches had to be transformed, e.g. decrypted).
 *
 * <p>A slice holds only complete batches; it is empty when there is nothing at the offset yet.
 */
public sealed interface LogSlice permits LogSlice.FileSlice, LogSlice.BufferSlice {

  /** Bytes in the slice. */
  int sizeInBytes();

  /** Base offset of the first batch in the slice, or -1 when empty. */
  long firstBatchOffset();

  /**
   * Where the next read continues: the offset after the last batch of the slice, or in a compacted
   * log possibly the base offset of the next batch (skipping offsets no batch holds); -1 when
   * empty.
   */
  long nextOffset();

  /** Copies the slice into a new heap buffer (for callers that cannot send file regions). */
  ByteBuffer readAll() throws IOException;

  default boolean isEmpty() {
    return sizeInBytes() == 0;
  }

  static LogSlice empty() {
    return new BufferSlice(ByteBuffer.allocate(0), -1, -1);
  }

  /**
   * {@code size} bytes of a segment's log file from {@code position}. The channel stays open at
   * least {@code file_delete_delay_ms} after the segment is deleted by retention.
   */
  record FileSlice(
      FileChannel channel, long position, int sizeInBytes, long firstBatchOffset, long nextOffset)
      implements LogSlice {
    @Override
    public ByteBuffer readAll() throws IOException {
      ByteBuffer out = ByteBuffer.allocate(sizeInBytes);
      while (out.hasRemaining()) {
        if (channel.read(out, position + out.position()) < 0) {
          throw new IOException("segment ended before the slice did: " + this);
        }
      }
      return out.flip();
    }
  }

  /** Batches in memory, positioned at 0. */
  record BufferSlice(ByteBuffer buffer, long firstBatchOffset, long nextOffset)
      implements LogSlice {
    @Override
    public int sizeInBytes() {
      return buffer.remaining();
    }

    @Override
    public ByteBuffer readAll() {
      return buffer.duplicate();
    }
  }
}
