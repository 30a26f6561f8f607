package io.flymq.protocol.frame;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Cuts frames out of a byte stream held in a {@link ByteBuffer} (v1 and v2 headers). Netty-free:
 * the broker's {@code ByteToMessageDecoder} hands it {@code in.nioBuffer()} and skips {@link
 * FrameHeader#frameBytes()} when a frame comes back.
 *
 * <p>Header checks happen as soon as the byte in question has arrived, before anything is allocated
 * or the payload is awaited (WIRE-V1 3.2, 3.4, 4.2): a first byte other than 0xAF, a version other
 * than 1 or 2, or a length above {@link #maxPayloadBytes()} throw a {@link ProtocolException} whose
 * {@link ProtocolException#closesConnection()} is true: the broker closes the connection without
 * replying. An unknown opcode or reserved flag bits are not framing errors.
 *
 * <p>Incomplete input is a status, not an exception: the methods return {@code null} and leave the
 * buffer's position unchanged. Immutable and thread-safe; one instance can serve every connection.
 */
public final class FrameDecoder {
  /** The frame payload limit of WIRE-V1 3.4: 33,554,432 bytes (32 MiB), inclusive. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

  private final int maxPayloadBytes;

  /** A decoder with the 32 MiB limit of WIRE-V1. */
  public FrameDecoder() {
    this(DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /**
   * A decoder with a custom payload limit.
   *
   * @param maxPayloadBytes the largest accepted payload length, 0..2^31-13
   * @throws IllegalArgumentException if the limit is out of range
   */
  public FrameDecoder(int maxPayloadBytes) {
    if (maxPayloadBytes < 0 || maxPayloadBytes > Integer.MAX_VALUE - FrameHeader.V2_HEADER_BYTES) {
      throw new IllegalArgumentException(
          "maxPayloadBytes: "
              + maxPayloadBytes
              + " (expected: 0.."
              + (Integer.MAX_VALUE - FrameHeader.V2_HEADER_BYTES)
              + ")");
    }
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** The largest payload length accepted. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /**
   * Decodes the header at {@code in}'s position without moving it.
   *
   * @param in the stream bytes received so far
   * @return the header, or {@code null} when the header is not complete yet
   * @throws ProtocolException (closing the connection) on bad magic, version or length
   */
  public FrameHeader peekHeader(ByteBuffer in) throws ProtocolException {
    int start = in.position();
    int available = in.remaining();
    if (available < 1) {
      return null;
    }
    int magic = in.get(start) & 0xFF;
    if (magic != FrameHeader.MAGIC) {
      throw new ProtocolException(
          ErrorCode.INVALID_MAGIC,
          String.format("invalid magic: 0x%02X (expected: 0xAF)", magic),
          true);
    }
    if (available < 2) {
      return null;
    }
    int version = in.get(start + 1) & 0xFF;
    if (version != FrameHeader.V1 && version != FrameHeader.V2) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION,
          "unsupported version: " + version + " (expected: 1 or 2)",
          true);
    }
    int headerBytes = FrameHeader.headerBytes(version);
    if (available < headerBytes) {
      return null;
    }
    int opcode = in.get(start + 2) & 0xFF;
    int flags = in.get(start + 3) & 0xFF;
    int correlationId = version == FrameHeader.V2 ? in.getInt(start + 4) : 0;
    long length = in.getInt(start + headerBytes - 4) & 0xFFFF_FFFFL;
    if (length > maxPayloadBytes) {
      throw new ProtocolException(
          ErrorCode.FRAME_TOO_LARGE,
          "frame too large: " + length + " bytes (expected: <= " + maxPayloadBytes + ")",
          true);
    }
    return new FrameHeader(version, opcode, flags, correlationId, (int) length);
  }

  /**
   * Decodes one complete frame at {@code in}'s position and moves the position past it.
   *
   * @param in the stream bytes received so far
   * @return the frame, its payload a read-only view into {@code in}; or {@code null} (position
   *     unchanged) when the frame is not complete yet
   * @throws ProtocolException (closing the connection) on bad magic, version or length
   */
  public Frame decode(ByteBuffer in) throws ProtocolException {
    FrameHeader header = peekHeader(in);
    if (header == null || in.remaining() < header.frameBytes()) {
      return null;
    }
    int payloadStart = in.position() + header.headerBytes();
    ByteBuffer payload = in.duplicate();
    payload.position(payloadStart).limit(payloadStart + header.length());
    in.position(payloadStart + header.length());
    return new Frame(header, payload);
  }
}
