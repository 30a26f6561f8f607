package io.flymq.protocol.frame;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;

/**
 * The compression codec of a request payload, flag bits 1–3: {@code codec = (flags >> 1) & 0x07}
 * (WIRE-V1 3.3). The whole payload is one stream in the codec's standard container; the header
 * length is the compressed size. Responses are never compressed.
 *
 * <p>This module decompresses {@link #GZIP} itself with the JDK ({@link GzipPayloads}); the other
 * codecs need libraries, which the broker supplies. Immutable and thread-safe.
 */
public enum CompressionCodec {
  /** Uncompressed. */
  NONE(0),
  /** gzip (RFC 1952 member); the only codec the public SDKs send. */
  GZIP(1),
  /** LZ4 frame format (FlyMQ extension). */
  LZ4(2),
  /** zstd frame format (FlyMQ extension). */
  ZSTD(3),
  /** snappy framing format (FlyMQ extension). */
  SNAPPY(4);

  private final int id;

  CompressionCodec(int id) {
    this.id = id;
  }

  /** The 3-bit codec number. */
  public int id() {
    return id;
  }

  /** The codec's bits positioned inside a flags byte ({@code id << 1}). */
  public int flagBits() {
    return id << 1;
  }

  /**
   * The codec selected by a flags byte.
   *
   * @param flags the header flags
   * @return the codec
   * @throws ProtocolException with {@link ErrorCode#UNSUPPORTED_COMPRESSION} for codecs 5–7
   */
  public static CompressionCodec fromFlags(int flags) throws ProtocolException {
    int id = (flags >> 1) & 0x07;
    for (CompressionCodec codec : values()) {
      if (codec.id == id) {
        return codec;
      }
    }
    throw new ProtocolException(
        ErrorCode.UNSUPPORTED_COMPRESSION,
        "unsupported compression codec: "
            + id
            + " (expected: 0 none, 1 gzip, 2 lz4, 3 zstd, 4 snappy)");
  }
}
