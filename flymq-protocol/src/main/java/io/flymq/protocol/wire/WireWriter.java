package io.flymq.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the primitive encodings of WIRE-V1 section 5 into a growable array, big-endian.
 *
 * <p>Lengths the layout cannot express (a {@code str} over 65,535 UTF-8 bytes, a {@code str8} over
 * 255) are caller mistakes and throw {@link IllegalArgumentException}: the Java SDK silently
 * truncates them (WIRE-V1 5.1), FlyMQ refuses to.
 *
 * <p>Not thread-safe.
 */
public final class WireWriter {
  private byte[] bytes;
  private int size;

  /** An empty writer with a small initial capacity. */
  public WireWriter() {
    this(64);
  }

  /**
   * An empty writer.
   *
   * @param initialCapacity bytes to reserve up front
   */
  public WireWriter(int initialCapacity) {
    this.bytes = new byte[Math.max(16, initialCapacity)];
  }

  /** The number of bytes written. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** A buffer over a copy of the bytes written, position 0, limit {@link #size()}. */
  public ByteBuffer toByteBuffer() {
    return ByteBuffer.wrap(toByteArray());
  }

  /**
   * Copies the bytes written into {@code target} at its position.
   *
   * @param target the destination
   * @throws java.nio.BufferOverflowException if {@code target} has too little room
   */
  public void copyTo(ByteBuffer target) {
    target.put(bytes, 0, size);
  }

  /** Writes a {@code u8}; only the low 8 bits of {@code value} are kept. */
  public WireWriter u8(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
    return this;
  }

  /** Writes a {@code bool} as 0 or 1. */
  public WireWriter bool(boolean value) {
    return u8(value ? 1 : 0);
  }

  /** Writes a {@code u16} / {@code i16}; only the low 16 bits are kept. */
  public WireWriter u16(int value) {
    ensure(2);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
    return this;
  }

  /** Writes an {@code i32}. */
  public WireWriter i32(int value) {
    ensure(4);
    putInt(size, value);
    size += 4;
    return this;
  }

  /**
   * Writes a {@code u32}.
   *
   * @throws IllegalArgumentException if the value is outside 0..2^32-1
   */
  public WireWriter u32(long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32: " + value + " (expected: 0..4294967295)");
    }
    return i32((int) value);
  }

  /** Writes an {@code i64} (also a {@code u64} offset). */
  public WireWriter i64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /**
   * Writes a {@code str}.
   *
   * @throws IllegalArgumentException if the UTF-8 form exceeds 65,535 bytes
   */
  public WireWriter str(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    checkLength(utf8.length, 0xFFFF, "str");
    return u16(utf8.length).raw(utf8);
  }

  /**
   * Writes a {@code str8}.
   *
   * @throws IllegalArgumentException if the UTF-8 form exceeds 255 bytes
   */
  public WireWriter str8(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    checkLength(utf8.length, 0xFF, "str8");
    return u8(utf8.length).raw(utf8);
  }

  /** Writes a {@code str32}. */
  public WireWriter str32(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return u32(utf8.length).raw(utf8);
  }

  /**
   * Writes {@code bytes}: u32 length, then the remaining bytes of {@code value} (its position is
   * not moved).
   */
  public WireWriter bytes(ByteBuffer value) {
    return u32(value.remaining()).raw(value);
  }

  /** Writes the remaining bytes of {@code value} without a length (its position is not moved). */
  public WireWriter raw(ByteBuffer value) {
    ByteBuffer source = value.duplicate();
    int length = source.remaining();
    ensure(length);
    source.get(bytes, size, length);
    size += length;
    return this;
  }

  /** Writes {@code value} without a length. */
  public WireWriter raw(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
    return this;
  }

  /** Writes a {@code list<str>} (u32 count). */
  public WireWriter strList(List<String> values) {
    u32(values.size());
    for (String value : values) {
      str(value);
    }
    return this;
  }

  /**
   * Writes a {@code list16<str>} (u16 count).
   *
   * @throws IllegalArgumentException if there are more than 65,535 values
   */
  public WireWriter strList16(List<String> values) {
    checkLength(values.size(), 0xFFFF, "list16 count");
    u16(values.size());
    for (String value : values) {
      str(value);
    }
    return this;
  }

  /**
   * Writes the pairs of {@code map} as {@code key str, value str}, in iteration order, without a
   * count.
   */
  public WireWriter strPairs(Map<String, String> map) {
    for (Map.Entry<String, String> entry : map.entrySet()) {
      str(entry.getKey()).str(entry.getValue());
    }
    return this;
  }

  /**
   * Writes a u32 element count, then each element.
   *
   * @param values the elements
   * @param element writes one element
   */
  public <T> WireWriter list(List<T> values, Element<T> element) {
    u32(values.size());
    for (T value : values) {
      element.write(value, this);
    }
    return this;
  }

  /** Reserves 4 bytes for a length written later with {@link #patchI32}; returns their position. */
  public int reserveI32() {
    int position = size;
    i32(0);
    return position;
  }

  /**
   * Overwrites 4 bytes written earlier.
   *
   * @param position a position returned by {@link #reserveI32()}
   * @param value the value
   */
  public void patchI32(int position, int value) {
    if (position < 0 || position + 4 > size) {
      throw new IllegalArgumentException(
          "position: " + position + " (expected: 0.." + (size - 4) + ")");
    }
    putInt(position, value);
  }

  private void putInt(int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  private static void checkLength(int length, int max, String what) {
    if (length > max) {
      throw new IllegalArgumentException(
          what + ": " + length + " bytes (expected: <= " + max + ")");
    }
  }

  private void ensure(int more) {
    long needed = (long) size + more;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("payload: " + needed + " bytes (expected: < 2 GiB)");
      }
      bytes =
          Arrays.copyOf(
              bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, bytes.length * 2L)));
    }
  }

  /**
   * Writes one element of a list.
   *
   * @param <T> the element type
   */
  @FunctionalInterface
  public interface Element<T> {
    /**
     * Writes {@code value}.
     *
     * @param value the element
     * @param writer the destination
     */
    void write(T value, WireWriter writer);
  }
}
