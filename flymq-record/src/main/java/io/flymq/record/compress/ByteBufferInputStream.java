package io.flymq.record.compress;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads a buffer's remaining bytes as a stream, through its own cursor. Not thread-safe. */
final class ByteBufferInputStream extends InputStream {
  private final ByteBuffer source;

  ByteBufferInputStream(ByteBuffer source) {
    this.source = source.duplicate();
  }

  @Override
  public int read() {
    return source.hasRemaining() ? source.get() & 0xFF : -1;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!source.hasRemaining()) {
      return -1;
    }
    int n = Math.min(length, source.remaining());
    source.get(target, offset, n);
    return n;
  }

  @Override
  public int available() {
    return source.remaining();
  }
}
