package io.flymq.protocol.wire;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the primitive encodings of WIRE-V1 section 5 from one frame payload, big-endian.
 *
 * <p>Every read checks the bytes remaining first and every length or count is checked against the
 * bytes remaining <em>before</em> anything is allocated, so a hostile length can neither exhaust
 * memory nor surface as {@code BufferUnderflowException}, {@code NegativeArraySizeException} or
 * {@code IndexOutOfBoundsException}: all of them become a {@link ProtocolException} whose text
 * starts with {@code buffer too small} (WIRE-V1 4.2). Since the payload itself was bounded by the
 * frame limit when the header was decoded, so is every length read here.
 *
 * <p>{@link #bytes()} returns a read-only <em>view</em> into the payload, not a copy: the payload
 * buffer must stay valid as long as the decoded message is used.
 *
 * <p>Not thread-safe: one reader per payload, used by one thread.
 */
public final class WireReader {
  /** The text of a truncated payload (WIRE-V1 4.2). */
  public static final String BUFFER_TOO_SMALL = "buffer too small";

  /** The text of a payload whose values make no sense for the layout (WIRE-V1 4.2). */
  public static final String INVALID_BINARY_FORMAT = "invalid binary format";

  private final ByteBuffer buffer;

  /**
   * A reader over the remaining bytes of {@code payload}; the caller's position is not moved.
   *
   * @param payload the frame payload
   */
  public WireReader(ByteBuffer payload) {
    this.buffer = payload.slice().order(ByteOrder.BIG_ENDIAN);
  }

  /** The bytes not read yet. */
  public int remaining() {
    return buffer.remaining();
  }

  /** The current read position, counted from the start of the payload. */
  public int position() {
    return buffer.position();
  }

  /**
   * Moves the read position, for layouts recognised by trying one parse and then another.
   *
   * @param position a position previously returned by {@link #position()}
   * @throws IllegalArgumentException if the position lies outside the payload
   */
  public void reset(int position) {
    if (position < 0 || position > buffer.limit()) {
      throw new IllegalArgumentException(
          "position: " + position + " (expected: 0.." + buffer.limit() + ")");
    }
    buffer.position(position);
  }

  /** Reads a {@code u8}. @throws ProtocolException if the payload ends */
  public int u8() throws ProtocolException {
    require(1, "u8");
    return buffer.get() & 0xFF;
  }

  /** Reads an {@code i8}. @throws ProtocolException if the payload ends */
  public byte i8() throws ProtocolException {
    require(1, "i8");
    return buffer.get();
  }

  /**
   * Reads a {@code bool}: true only when the byte is exactly 1, as the reference does (WIRE-V1
   * 5.2).
   *
   * @throws ProtocolException if the payload ends
   */
  public boolean bool() throws ProtocolException {
    return u8() == 1;
  }

  /** Reads a {@code u16}. @throws ProtocolException if the payload ends */
  public int u16() throws ProtocolException {
    require(2, "u16");
    return buffer.getShort() & 0xFFFF;
  }

  /** Reads an {@code i16}. @throws ProtocolException if the payload ends */
  public short i16() throws ProtocolException {
    require(2, "i16");
    return buffer.getShort();
  }

  /** Reads an {@code i32}. @throws ProtocolException if the payload ends */
  public int i32() throws ProtocolException {
    require(4, "i32");
    return buffer.getInt();
  }

  /** Reads a {@code u32} as a non-negative long. @throws ProtocolException if the payload ends */
  public long u32() throws ProtocolException {
    require(4, "u32");
    return buffer.getInt() & 0xFFFF_FFFFL;
  }

  /**
   * Reads an {@code i64} (also a {@code u64} offset, which never reaches 2^63). @throws
   * ProtocolException if the payload ends
   */
  public long i64() throws ProtocolException {
    require(8, "i64");
    return buffer.getLong();
  }

  /**
   * Reads a {@code str}: u16 byte length, then UTF-8. @throws ProtocolException if the payload ends
   */
  public String str() throws ProtocolException {
    return utf8(u16());
  }

  /**
   * Reads a {@code str8}: u8 byte length, then UTF-8. @throws ProtocolException if the payload ends
   */
  public String str8() throws ProtocolException {
    return utf8(u8());
  }

  /**
   * Reads a {@code str32}: u32 byte length, then UTF-8. @throws ProtocolException if the payload
   * ends
   */
  public String str32() throws ProtocolException {
    return utf8(length32());
  }

  /**
   * Reads {@code bytes}: a u32 length, then that many bytes, returned as a read-only view.
   *
   * @throws ProtocolException if the length runs past the payload
   */
  public ByteBuffer bytes() throws ProtocolException {
    return view(length32());
  }

  /**
   * Returns the next {@code length} bytes as a read-only view and skips them.
   *
   * @param length the number of bytes
   * @throws ProtocolException if fewer bytes remain
   */
  public ByteBuffer view(int length) throws ProtocolException {
    require(length, "bytes");
    ByteBuffer view = buffer.slice();
    view.limit(length);
    buffer.position(buffer.position() + length);
    return view.asReadOnlyBuffer();
  }

  /** Returns every remaining byte as a read-only view. */
  public ByteBuffer rest() {
    ByteBuffer view = buffer.slice().asReadOnlyBuffer();
    buffer.position(buffer.limit());
    return view;
  }

  /** Reads a {@code list<str>} (u32 count). @throws ProtocolException if the payload ends */
  public List<String> strList() throws ProtocolException {
    return list(count32(2), WireReader::str);
  }

  /**
   * Reads a {@code list16<str>} (u16 count, SDK audit layout). @throws ProtocolException if the
   * payload ends
   */
  public List<String> strList16() throws ProtocolException {
    return list(count(u16(), 2), WireReader::str);
  }

  /**
   * Reads a u32 element count and checks that {@code count * minElementBytes} bytes remain.
   *
   * @param minElementBytes the smallest encoding of one element, at least 1
   * @throws ProtocolException if the count cannot fit in the rest of the payload
   */
  public int count32(int minElementBytes) throws ProtocolException {
    long count = u32();
    return count(count, minElementBytes);
  }

  /**
   * Checks an element count read by the caller against the bytes remaining.
   *
   * @param count the count
   * @param minElementBytes the smallest encoding of one element, at least 1
   * @return the count as an int
   * @throws ProtocolException if the count is negative or cannot fit in the rest of the payload
   */
  public int count(long count, int minElementBytes) throws ProtocolException {
    if (count < 0 || count * Math.max(1, minElementBytes) > buffer.remaining()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          BUFFER_TOO_SMALL
              + ": count "
              + count
              + " needs at least "
              + (count * Math.max(1, minElementBytes))
              + " bytes, "
              + buffer.remaining()
              + " remain");
    }
    return (int) count;
  }

  /**
   * Reads {@code count} elements; the count must have been checked with {@link #count32} first.
   *
   * @param count the number of elements
   * @param element reads one element
   * @return an unmodifiable list
   * @throws ProtocolException if an element is malformed
   */
  public <T> List<T> list(int count, Element<T> element) throws ProtocolException {
    // Capacity is capped: the count was checked against the bytes remaining, but growing as
    // elements actually decode keeps a hostile count from reserving memory up front.
    List<T> result = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      result.add(element.read(this));
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * Reads {@code count} {@code key str, value str} pairs, keeping their wire order.
   *
   * @param count the number of pairs, checked against the bytes remaining by the caller
   * @throws ProtocolException if a pair is malformed
   */
  public Map<String, String> strMap(int count) throws ProtocolException {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = str();
      map.put(key, str());
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * A ProtocolException for a layout violation other than truncation.
   *
   * @param detail what is wrong, as {@code name: value (expected: ...)}
   */
  public static ProtocolException invalid(String detail) {
    return new ProtocolException(ErrorCode.MALFORMED_FRAME, INVALID_BINARY_FORMAT + ": " + detail);
  }

  private int length32() throws ProtocolException {
    long length = u32();
    if (length > buffer.remaining()) {
      throw tooSmall("length " + length, length);
    }
    return (int) length;
  }

  private String utf8(int length) throws ProtocolException {
    require(length, "string");
    if (buffer.hasArray()) {
      String value =
          new String(
              buffer.array(),
              buffer.arrayOffset() + buffer.position(),
              length,
              StandardCharsets.UTF_8);
      buffer.position(buffer.position() + length);
      return value;
    }
    byte[] copy = new byte[length];
    buffer.get(copy);
    return new String(copy, StandardCharsets.UTF_8);
  }

  private void require(long bytes, String what) throws ProtocolException {
    if (bytes > buffer.remaining()) {
      throw tooSmall(what, bytes);
    }
  }

  private ProtocolException tooSmall(String what, long needed) {
    return new ProtocolException(
        ErrorCode.MALFORMED_FRAME,
        BUFFER_TOO_SMALL
            + ": "
            + what
            + " needs "
            + needed
            + " bytes at offset "
            + buffer.position()
            + ", "
            + buffer.remaining()
            + " remain");
  }

  /**
   * Reads one element of a list.
   *
   * @param <T> the element type
   */
  @FunctionalInterface
  public interface Element<T> {
    /**
     * Reads the element at the reader's position.
     *
     * @param reader the payload reader
     * @return the element
     * @throws ProtocolException if the element is malformed
     */
    T read(WireReader reader) throws ProtocolException;
  }
}
