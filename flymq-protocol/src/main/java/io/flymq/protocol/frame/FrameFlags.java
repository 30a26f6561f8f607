package io.flymq.protocol.frame;

/**
 * The bits of the header's flags byte (WIRE-V1 3.3), the same in v1 and v2 frames.
 *
 * <pre>
 *   bit  7 6 5 4 | 3 2 1 | 0
 *        reserved| codec | binary
 * </pre>
 *
 * <p>{@link #BINARY} carries no meaning and is never required; the SDKs set it on nearly every
 * request (the Java audit requests send {@code 0x00}). Reserved bits are zero when sending and
 * ignored when receiving. Responses carry {@link #RESPONSE} ({@code 0x01}, codec none).
 */
public final class FrameFlags {
  /** "Binary payload": set by the SDKs, ignored by the broker. */
  public static final int BINARY = 0x01;

  /** The compression codec bits, see {@link CompressionCodec}. */
  public static final int COMPRESSION_MASK = 0x0E;

  /** Reserved bits 4–7. */
  public static final int RESERVED_MASK = 0xF0;

  /** The flags of every response FlyMQ sends. */
  public static final int RESPONSE = BINARY;

  private FrameFlags() {}

  /**
   * The flags of a request with the binary bit and a codec.
   *
   * @param codec the payload's compression
   */
  public static int request(CompressionCodec codec) {
    return BINARY | codec.flagBits();
  }
}
