package io.flymq.record.compress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array that refuses to grow past a limit: the decompression target. Growth
 * doubles, so a bomb is stopped after allocating at most about twice the limit in total, never what
 * the compressed stream claims. Not thread-safe.
 */
final class BoundedOutput {
  private static final int MIN_CAPACITY = 256;

  private final int limit;
  private byte[] array;
  private int size;

  BoundedOutput(int initialCapacity, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("maxDecompressedBytes: " + limit + " (expected: >= 0)");
    }
    this.limit = limit;
    this.array = new byte[Math.min(limit, Math.max(MIN_CAPACITY, initialCapacity))];
  }

  byte[] array() {
    return array;
  }

  int size() {
    return size;
  }

  /** Room after {@link #size()} without growing. */
  int spare() {
    return array.length - size;
  }

  /** Bytes that may still be written before the limit. */
  int headroom() {
    return limit - size;
  }

  void advance(int bytes) {
    size += bytes;
  }

  /**
   * Makes at least {@code bytes} of spare room.
   *
   * @throws DecompressionException if that would pass the limit
   */
  void reserve(int bytes) {
    long needed = (long) size + bytes;
    if (needed > limit) {
      throw exceeded();
    }
    if (needed > array.length) {
      long grown = Math.max(needed, (long) array.length * 2);
      array = Arrays.copyOf(array, (int) Math.min(limit, grown));
    }
  }

  void write(byte[] source, int offset, int length) {
    reserve(length);
    System.arraycopy(source, offset, array, size, length);
    size += length;
  }

  /** Reads {@code in} to its end, refusing to go past the limit. */
  void readFully(InputStream in) throws IOException {
    while (true) {
      if (spare() == 0) {
        if (size >= limit) {
          // One more byte decides between "exactly at the limit" and "past it".
          if (in.read() != -1) {
            throw exceeded();
          }
          return;
        }
        reserve(1);
      }
      int n = in.read(array, size, spare());
      if (n < 0) {
        return;
      }
      size += n;
    }
  }

  DecompressionException exceeded() {
    return new DecompressionException(
        "decompressed size: more than " + limit + " bytes (expected: <= " + limit + ")");
  }

  ByteBuffer toByteBuffer() {
    return ByteBuffer.wrap(array, 0, size).slice();
  }
}
