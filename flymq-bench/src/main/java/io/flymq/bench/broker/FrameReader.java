package io.flymq.bench.broker;

import io.flymq.protocol.Dialect;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.FrameHeader;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads whole v1/v2 frames from a blocking socket stream into one reused buffer, without decoding
 * the payload (the load loops read only the fields they count). Not thread-safe: one reader thread.
 */
final class FrameReader {
  private final DataInputStream in;
  private final byte[] header = new byte[FrameHeader.V2_HEADER_BYTES];
  private byte[] payload = new byte[4096];
  private int opcode;
  private int correlationId;
  private int length;

  FrameReader(InputStream in) {
    this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
  }

  /** Reads the next frame; its fields are then available until the next call. */
  void next() throws IOException {
    in.readFully(header, 0, 2);
    if ((header[0] & 0xFF) != FrameHeader.MAGIC) {
      throw new IOException("bad magic in response: 0x" + Integer.toHexString(header[0] & 0xFF));
    }
    int version = header[1] & 0xFF;
    int headerBytes = FrameHeader.headerBytes(version);
    in.readFully(header, 2, headerBytes - 2);
    opcode = header[2] & 0xFF;
    correlationId = version == FrameHeader.V2 ? readInt(header, 4) : 0;
    length = readInt(header, headerBytes - 4);
    if (length < 0 || length > 32 << 20) {
      throw new IOException("response length out of range: " + length);
    }
    if (payload.length < length) {
      payload = new byte[Math.max(length, payload.length * 2)];
    }
    in.readFully(payload, 0, length);
  }

  int opcode() {
    return opcode;
  }

  int correlationId() {
    return correlationId;
  }

  int length() {
    return length;
  }

  /** The payload; valid bytes are {@code [0, length())}. */
  byte[] payload() {
    return payload;
  }

  /** The current frame decoded as a response, for error messages (e.g. an ERROR frame's text). */
  String describe() {
    try {
      Opcode op = Opcode.fromCode(opcode).orElse(null);
      if (op == null) {
        return "opcode 0x" + Integer.toHexString(opcode);
      }
      return String.valueOf(
          MessageCodec.decodeResponse(op, ByteBuffer.wrap(payload, 0, length), Dialect.REFERENCE));
    } catch (ProtocolException e) {
      return "undecodable opcode 0x" + Integer.toHexString(opcode) + " frame: " + e.getMessage();
    }
  }

  static int readInt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24
        | (bytes[at + 1] & 0xFF) << 16
        | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
  }

  static short readShort(byte[] bytes, int at) {
    return (short) ((bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF));
  }

  static long readLong(byte[] bytes, int at) {
    return (long) readInt(bytes, at) << 32 | (readInt(bytes, at + 4) & 0xFFFFFFFFL);
  }

  static void writeInt(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }
}
