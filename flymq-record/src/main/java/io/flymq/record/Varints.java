package io.flymq.record;

import java.nio.ByteBuffer;

/**
 * Zigzag varints as used inside v2 records: a signed value is zigzag-mapped ({@code 0, -1, 1, -2}
 * to {@code 0, 1, 2, 3}) and written 7 bits at a time, least significant group first, with the high
 * bit of each byte set when more bytes follow. An int takes 1-5 bytes, a long 1-10.
 *
 * <p>Reads are strict: a varint longer than its type allows, or whose last byte carries bits beyond
 * the type's width, is rejected, so every value has exactly one encoding length bound. Stateless
 * and thread-safe.
 */
public final class Varints {
  private static final int MAX_VARINT_BYTES = 5;
  private static final int MAX_VARLONG_BYTES = 10;

  private Varints() {}

  /**
   * Reads a zigzag varint at the buffer's position and advances past it.
   *
   * @throws CorruptRecordException if the buffer ends first or the varint is overlong
   */
  public static int readVarint(ByteBuffer buffer) {
    int raw = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      if (!buffer.hasRemaining()) {
        throw new CorruptRecordException(
            "varint: buffer ends after " + i + " bytes (expected: a terminating byte)");
      }
      int b = buffer.get();
      if (i == MAX_VARINT_BYTES - 1 && (b & 0xF0) != 0) {
        // The fifth byte holds bits 28-31 only; anything above means the value does not fit in 32
        // bits.
        throw new CorruptRecordException(
            "varint: fifth byte 0x" + Integer.toHexString(b & 0xFF) + " (expected: <= 0x0f)");
      }
      raw |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new IllegalStateException("unreachable: the fifth byte never has its high bit set here");
  }

  /**
   * Reads a zigzag varlong at the buffer's position and advances past it.
   *
   * @throws CorruptRecordException if the buffer ends first or the varlong is overlong
   */
  public static long readVarlong(ByteBuffer buffer) {
    long raw = 0;
    for (int i = 0; i < MAX_VARLONG_BYTES; i++) {
      if (!buffer.hasRemaining()) {
        throw new CorruptRecordException(
            "varlong: buffer ends after " + i + " bytes (expected: a terminating byte)");
      }
      int b = buffer.get();
      if (i == MAX_VARLONG_BYTES - 1 && (b & 0xFE) != 0) {
        // The tenth byte holds bit 63 only.
        throw new CorruptRecordException(
            "varlong: tenth byte 0x" + Integer.toHexString(b & 0xFF) + " (expected: 0 or 1)");
      }
      raw |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new IllegalStateException("unreachable: the tenth byte never has its high bit set here");
  }

  /**
   * Writes {@code value} as a zigzag varint at the buffer's position and advances past it.
   *
   * @throws java.nio.BufferOverflowException if fewer than {@link #sizeOfVarint} bytes remain
   */
  public static void writeVarint(int value, ByteBuffer buffer) {
    int raw = (value << 1) ^ (value >> 31);
    while ((raw & ~0x7F) != 0) {
      buffer.put((byte) ((raw & 0x7F) | 0x80));
      raw >>>= 7;
    }
    buffer.put((byte) raw);
  }

  /**
   * Writes {@code value} as a zigzag varlong at the buffer's position and advances past it.
   *
   * @throws java.nio.BufferOverflowException if fewer than {@link #sizeOfVarlong} bytes remain
   */
  public static void writeVarlong(long value, ByteBuffer buffer) {
    long raw = (value << 1) ^ (value >> 63);
    while ((raw & ~0x7FL) != 0) {
      buffer.put((byte) ((raw & 0x7F) | 0x80));
      raw >>>= 7;
    }
    buffer.put((byte) raw);
  }

  /** Bytes {@link #writeVarint} uses for {@code value}: 1-5. */
  public static int sizeOfVarint(int value) {
    int raw = (value << 1) ^ (value >> 31);
    // Significant bits, rounded up to whole 7-bit groups; zero still takes one byte.
    int bits = 32 - Integer.numberOfLeadingZeros(raw | 1);
    return (bits + 6) / 7;
  }

  /** Bytes {@link #writeVarlong} uses for {@code value}: 1-10. */
  public static int sizeOfVarlong(long value) {
    long raw = (value << 1) ^ (value >> 63);
    int bits = 64 - Long.numberOfLeadingZeros(raw | 1);
    return (bits + 6) / 7;
  }
}
