package io.flymq.server.network;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A region of a segment file sent with zero copy (sendfile). Unlike Netty's DefaultFileRegion it
 * never closes the file channel: the channel belongs to the log segment, which keeps it open while
 * the segment lives (and for the file-delete delay after retention deletes it).
 *
 * <p>Not thread-safe; owned by one Netty channel's event loop once written.
 */
final class SharedFileRegion extends AbstractReferenceCounted implements FileRegion {
  private final FileChannel file;
  private final long position;
  private final long count;
  private long transferred;

  SharedFileRegion(FileChannel file, long position, long count) {
    this.file = file;
    this.position = position;
    this.count = count;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  @Deprecated
  public long transfered() {
    return transferred;
  }

  @Override
  public long transferred() {
    return transferred;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long transferTo(WritableByteChannel target, long offset) throws IOException {
    long remaining = count - offset;
    if (remaining <= 0) {
      return 0;
    }
    long written = file.transferTo(position + offset, remaining, target);
    if (written > 0) {
      transferred += written;
    } else if (written == 0 && file.size() < position + count) {
      throw new IOException(
          "segment file shrank under a pending send: " + (position + count) + " > " + file.size());
    }
    return written;
  }

  @Override
  protected void deallocate() {
    // The file channel is the segment's; nothing of ours to free.
  }

  @Override
  public SharedFileRegion retain() {
    super.retain();
    return this;
  }

  @Override
  public SharedFileRegion retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public SharedFileRegion touch() {
    return this;
  }

  @Override
  public SharedFileRegion touch(Object hint) {
    return this;
  }
}
