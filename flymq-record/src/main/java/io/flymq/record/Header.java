package io.flymq.record;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;

/**
 * One record header: a UTF-8 key and an optional binary value.
 *
 * <p>When read from a batch, {@code value} is a read-only slice of the batch (or of its
 * decompressed records section), valid as long as that buffer is unchanged. Immutable as far as
 * this record goes; the buffer it points at is shared and must not be written to.
 *
 * @param key never null (the format has no null header keys)
 * @param value null when the header has no value
 */
public record Header(String key, ByteBuffer value) {
  public Header {
    requireNonNull(key, "key");
  }

  /** A header whose value is a copy-free wrap of {@code value} (null allowed). */
  public static Header of(String key, byte[] value) {
    return new Header(key, value == null ? null : ByteBuffer.wrap(value));
  }
}
