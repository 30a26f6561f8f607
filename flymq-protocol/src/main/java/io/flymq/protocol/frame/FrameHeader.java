package io.flymq.protocol.frame;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import java.util.Optional;

/**
 * The header of one frame, v1 (8 bytes, WIRE-V1 3.1) or v2 (12 bytes, docs/protocol.md):
 *
 * <pre>
 *  v1:  0      1        2       3      4               8
 *       +------+--------+-------+------+---------------+
 *       | 0xAF | 0x01   | op    | flags| length (u32)  |  payload ...
 *       +------+--------+-------+------+---------------+
 *  v2:  0      1        2       3      4                  8               12
 *       +------+--------+-------+------+------------------+---------------+
 *       | 0xAF | 0x02   | op    | flags| correlation (i32)| length (u32)  |  payload ...
 *       +------+--------+-------+------+------------------+---------------+
 * </pre>
 *
 * <p>The opcode is kept as its raw byte: an unallocated value is not a framing error but a request
 * to answer with {@code unknown opcode: <n>} (WIRE-V1 4.2). A v1 header has no correlation id and
 * holds 0. Immutable and thread-safe.
 *
 * @param version the frame version, {@link #V1} or {@link #V2}
 * @param opcode the opcode byte, 0..255
 * @param flags the flags byte, 0..255 ({@link FrameFlags})
 * @param correlationId the v2 correlation id, any value; 0 for v1
 * @param length the payload length in bytes, 0..2^31-1
 */
public record FrameHeader(int version, int opcode, int flags, int correlationId, int length) {
  /** The frame magic byte. */
  public static final int MAGIC = 0xAF;

  /** Frame version 1 (WIRE-V1). */
  public static final int V1 = 1;

  /** Frame version 2 (docs/protocol.md). */
  public static final int V2 = 2;

  /** Size of a v1 header. */
  public static final int V1_HEADER_BYTES = 8;

  /** Size of a v2 header. */
  public static final int V2_HEADER_BYTES = 12;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a field is outside its range
   */
  public FrameHeader {
    if (version != V1 && version != V2) {
      throw new IllegalArgumentException("version: " + version + " (expected: 1 or 2)");
    }
    if (opcode < 0 || opcode > 255) {
      throw new IllegalArgumentException("opcode: " + opcode + " (expected: 0..255)");
    }
    if (flags < 0 || flags > 255) {
      throw new IllegalArgumentException("flags: " + flags + " (expected: 0..255)");
    }
    if (version == V1 && correlationId != 0) {
      throw new IllegalArgumentException(
          "correlationId: " + correlationId + " (expected: 0 in a v1 frame)");
    }
    if (length < 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
    }
  }

  /**
   * A v1 header.
   *
   * @param opcode the opcode
   * @param flags the flags byte
   * @param length the payload length
   */
  public static FrameHeader v1(Opcode opcode, int flags, int length) {
    return new FrameHeader(V1, opcode.code(), flags, 0, length);
  }

  /**
   * A v2 header.
   *
   * @param opcode the opcode
   * @param flags the flags byte
   * @param correlationId the correlation id the response will echo
   * @param length the payload length
   */
  public static FrameHeader v2(Opcode opcode, int flags, int correlationId, int length) {
    return new FrameHeader(V2, opcode.code(), flags, correlationId, length);
  }

  /** The header size of this version: 8 or 12 bytes. */
  public int headerBytes() {
    return headerBytes(version);
  }

  /** Header plus payload bytes. */
  public long frameBytes() {
    return (long) headerBytes() + length;
  }

  /** The allocated opcode, or empty for an unknown opcode byte. */
  public Optional<Opcode> knownOpcode() {
    return Opcode.fromCode(opcode);
  }

  /**
   * The compression codec of the payload.
   *
   * @throws ProtocolException for reserved codec numbers 5–7
   */
  public CompressionCodec compression() throws ProtocolException {
    return CompressionCodec.fromFlags(flags);
  }

  /**
   * The header of the response to this request: same version, same correlation id, flags {@link
   * FrameFlags#RESPONSE} (uncompressed).
   *
   * @param responseOpcode the response opcode (the request's, AUTH_RESPONSE or ERROR)
   * @param payloadLength the response payload length
   */
  public FrameHeader responseHeader(Opcode responseOpcode, int payloadLength) {
    return new FrameHeader(
        version, responseOpcode.code(), FrameFlags.RESPONSE, correlationId, payloadLength);
  }

  /**
   * The header size of a frame version.
   *
   * @param version 1 or 2
   * @throws IllegalArgumentException for other versions
   */
  public static int headerBytes(int version) {
    if (version == V1) {
      return V1_HEADER_BYTES;
    }
    if (version == V2) {
      return V2_HEADER_BYTES;
    }
    throw new IllegalArgumentException("version: " + version + " (expected: 1 or 2)");
  }
}
