package io.flymq.storage.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a run of consecutive batches at one file position with few system calls.
 *
 * <p>Direct buffers go out with one gathering write. Heap buffers are first copied into a direct
 * staging buffer of {@link #STAGING_BYTES} per thread and written a staging buffer at a time. The
 * JDK copies a heap buffer into a temporary direct buffer before any write anyway, so this costs no
 * extra copy; but in a gathering write it would take one temporary buffer per heap buffer and keep
 * them cached on the thread, up to a whole run (a segment) of direct memory per writer thread.
 *
 * <p>Not for concurrent writers of one channel: a gathering write uses the channel's position,
 * which only the log's writer touches (readers use positional reads).
 */
final class RunWriter {
  /** Staging bytes per writer thread: large enough that a system call moves plenty of data. */
  static final int STAGING_BYTES = 1 << 20;

  private static final ThreadLocal<ByteBuffer> STAGING =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_BYTES));

  private RunWriter() {}

  /**
   * Writes every buffer's remaining bytes, one after another, from {@code position} on; leaves the
   * buffers' positions unchanged.
   */
  static void write(FileChannel channel, long position, ByteBuffer[] buffers) throws IOException {
    if (allDirect(buffers)) {
      gather(channel, position, buffers);
      return;
    }
    ByteBuffer staging = STAGING.get().clear();
    long at = position;
    for (ByteBuffer buffer : buffers) {
      if (buffer.remaining() > staging.remaining()) {
        at = writeStaged(channel, staging, at);
      }
      if (buffer.remaining() > staging.capacity()) {
        // Larger than the staging buffer: on its own, as a single append always is.
        at = writeFully(channel, buffer.duplicate(), at);
      } else {
        staging.put(buffer.duplicate());
      }
    }
    writeStaged(channel, staging, at);
  }

  private static boolean allDirect(ByteBuffer[] buffers) {
    for (ByteBuffer buffer : buffers) {
      if (!buffer.isDirect()) {
        return false;
      }
    }
    return true;
  }

  private static void gather(FileChannel channel, long position, ByteBuffer[] buffers)
      throws IOException {
    ByteBuffer[] views = new ByteBuffer[buffers.length];
    long total = 0;
    for (int i = 0; i < buffers.length; i++) {
      views[i] = buffers[i].duplicate();
      total += views[i].remaining();
    }
    channel.position(position);
    for (long written = 0; written < total; ) {
      written += channel.write(views);
    }
  }

  /** Writes what the staging buffer holds and empties it; returns the position after it. */
  private static long writeStaged(FileChannel channel, ByteBuffer staging, long position)
      throws IOException {
    long at = writeFully(channel, staging.flip(), position);
    staging.clear();
    return at;
  }

  private static long writeFully(FileChannel channel, ByteBuffer bytes, long position)
      throws IOException {
    long at = position;
    while (bytes.hasRemaining()) {
      at += channel.write(bytes, at);
    }
    return at;
  }
}
