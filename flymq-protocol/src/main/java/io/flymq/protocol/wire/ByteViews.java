package io.flymq.protocol.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Normalises the binary fields of message records: each is held as a read-only view of exactly its
 * bytes (position 0) and handed out as a fresh duplicate, so a reader moving the position of what
 * an accessor returned cannot change the record, and records compare binary fields by content
 * ({@link ByteBuffer#equals}).
 *
 * <p>No bytes are copied: a view built from a caller's buffer or array still shares its memory, so
 * callers must not modify the source afterwards. Stateless and thread-safe.
 */
public final class ByteViews {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private ByteViews() {}

  /**
   * A read-only view of the remaining bytes of {@code value}.
   *
   * @param value the bytes, not moved
   * @param name the field name, for the error message
   * @throws NullPointerException if {@code value} is null
   */
  public static ByteBuffer readOnly(ByteBuffer value, String name) {
    return Objects.requireNonNull(value, name).slice().asReadOnlyBuffer();
  }

  /**
   * A read-only view over {@code value}, which is not copied.
   *
   * @param value the bytes
   * @throws NullPointerException if {@code value} is null
   */
  public static ByteBuffer wrap(byte[] value) {
    return ByteBuffer.wrap(Objects.requireNonNull(value, "value")).asReadOnlyBuffer();
  }

  /** An empty read-only buffer. */
  public static ByteBuffer empty() {
    return EMPTY.duplicate();
  }

  /** A copy of the remaining bytes of {@code value}; its position is not moved. */
  public static byte[] toArray(ByteBuffer value) {
    byte[] copy = new byte[value.remaining()];
    value.duplicate().get(copy);
    return copy;
  }
}
