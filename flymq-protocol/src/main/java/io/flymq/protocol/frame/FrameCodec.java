package io.flymq.protocol.frame;

import java.nio.ByteBuffer;

/**
 * Writes frame headers and whole frames (the inverse of {@link FrameDecoder}). Stateless and
 * thread-safe.
 */
public final class FrameCodec {
  private FrameCodec() {}

  /**
   * Writes {@code header} at {@code out}'s position (8 or 12 bytes) and advances it.
   *
   * @param header the header
   * @param out the destination
   * @throws java.nio.BufferOverflowException if {@code out} has less room than the header
   */
  public static void writeHeader(FrameHeader header, ByteBuffer out) {
    out.put((byte) FrameHeader.MAGIC);
    out.put((byte) header.version());
    out.put((byte) header.opcode());
    out.put((byte) header.flags());
    if (header.version() == FrameHeader.V2) {
      out.putInt(header.correlationId());
    }
    out.putInt(header.length());
  }

  /**
   * A new buffer holding the header and then the remaining bytes of {@code payload}.
   *
   * @param header the header; its length must equal {@code payload.remaining()}
   * @param payload the payload, not moved
   * @return a buffer positioned at 0 with the whole frame
   * @throws IllegalArgumentException if the header length does not match the payload
   */
  public static ByteBuffer frame(FrameHeader header, ByteBuffer payload) {
    if (header.length() != payload.remaining()) {
      throw new IllegalArgumentException(
          "header.length: "
              + header.length()
              + " (expected: payload size "
              + payload.remaining()
              + ")");
    }
    ByteBuffer out = ByteBuffer.allocate(header.headerBytes() + header.length());
    writeHeader(header, out);
    out.put(payload.duplicate());
    return out.flip();
  }
}
