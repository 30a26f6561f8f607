package io.flymq.protocol;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.CompressionCodec;
import io.flymq.protocol.frame.FrameCodec;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.frame.GzipPayloads;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;

/**
 * The entry points from frames to messages and back, for v1 and v2 frames.
 *
 * <p>How a broker dispatches one frame cut by {@link FrameDecoder}:
 *
 * <pre>{@code
 * Message request = MessageCodec.decodeRequest(frame.header(), frame.payload());
 * // switch on the record type (ProduceRequest, FetchRequest, GroupRequest, ...) and answer:
 * ByteBuffer reply = MessageCodec.encodeResponse(frame.header(), response);
 * // on ProtocolException e: e.closesConnection() ? close : encodeResponse(header, ErrorResponse.of(e))
 * }</pre>
 *
 * <p>Request decoding needs no dialect: every variant of a request layout is recognised from its
 * bytes (WIRE-V1 18 A). Response decoding (SDK side) takes the {@link Dialect} whose layout to read
 * where the bytes are ambiguous. Decoders check every length before allocating and report any
 * malformed payload as a {@link ProtocolException} (record validation failures included), with the
 * reference text prefix of the opcode (WIRE-V1 4.2); trailing bytes after a complete payload are
 * ignored.
 *
 * <p>Decoded binary fields are read-only views into {@code payload}: keep the payload's memory
 * alive (and unchanged) while the message is in use. Stateless and thread-safe.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /**
   * Decodes a request frame's payload: checks the opcode against the frame version, decompresses
   * gzip payloads (bounded by {@link FrameDecoder#DEFAULT_MAX_PAYLOAD_BYTES}), then decodes the
   * layout.
   *
   * @param header the frame header
   * @param payload the frame payload, not moved
   * @return the request record
   * @throws ProtocolException {@code unknown opcode: <n>} for unknown, response-only, reserved or
   *     (in v1 frames) v2-only opcodes; compression errors; malformed payloads
   */
  public static Message decodeRequest(FrameHeader header, ByteBuffer payload)
      throws ProtocolException {
    Opcode opcode =
        Opcode.fromCode(header.opcode())
            .filter(candidate -> candidate.servedIn(header.version()))
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ErrorCode.UNSUPPORTED_OPCODE, "unknown opcode: " + header.opcode()));
    return decodeRequest(opcode, decompress(header, payload));
  }

  /**
   * Decodes an uncompressed request payload (for callers that decompressed other codecs
   * themselves).
   *
   * @param opcode the request opcode
   * @param payload the uncompressed payload, not moved
   * @return the request record
   * @throws ProtocolException if the opcode is not a request or the payload is malformed
   */
  public static Message decodeRequest(Opcode opcode, ByteBuffer payload) throws ProtocolException {
    if (!opcode.isRequest()) {
      throw new ProtocolException(ErrorCode.UNSUPPORTED_OPCODE, "unknown opcode: " + opcode.code());
    }
    try {
      return RequestDecoders.decode(opcode, new WireReader(payload));
    } catch (ProtocolException e) {
      throw withPrefix(opcode, e);
    } catch (IllegalArgumentException e) {
      throw withPrefix(opcode, WireReader.invalid(e.getMessage()));
    }
  }

  /**
   * Decodes a response frame's payload in the layout {@code dialect} reads.
   *
   * @param header the frame header
   * @param payload the payload, not moved
   * @param dialect whose layout to read where one opcode has several (see {@link Dialect})
   * @return the response record; an {@link ErrorResponse} for opcode ERROR
   * @throws ProtocolException for an opcode that is never a response, or a malformed payload
   */
  public static Message decodeResponse(FrameHeader header, ByteBuffer payload, Dialect dialect)
      throws ProtocolException {
    Opcode opcode =
        Opcode.fromCode(header.opcode())
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ErrorCode.UNSUPPORTED_OPCODE,
                        "unexpected response opcode: " + header.opcode()));
    return decodeResponse(opcode, payload, dialect);
  }

  /**
   * Decodes a response payload in the layout {@code dialect} reads.
   *
   * @param opcode the response opcode
   * @param payload the payload, not moved
   * @param dialect whose layout to read where one opcode has several
   * @return the response record
   * @throws ProtocolException for an opcode that is never a response, or a malformed payload
   */
  public static Message decodeResponse(Opcode opcode, ByteBuffer payload, Dialect dialect)
      throws ProtocolException {
    try {
      return ResponseDecoders.decode(opcode, new WireReader(payload), dialect);
    } catch (IllegalArgumentException e) {
      throw WireReader.invalid(e.getMessage());
    }
  }

  /**
   * The payload bytes of a message (no header).
   *
   * @param message the message
   * @return a buffer positioned at 0
   * @throws IllegalArgumentException if a field cannot be encoded (e.g. a string over 65,535 bytes)
   */
  public static ByteBuffer encodePayload(Message message) {
    WireWriter out = new WireWriter();
    message.writeTo(out);
    return out.toByteBuffer();
  }

  /**
   * A whole request frame (client side).
   *
   * @param version {@link FrameHeader#V1} or {@link FrameHeader#V2}
   * @param correlationId the v2 correlation id; 0 for v1
   * @param flags the flags byte (usually {@link io.flymq.protocol.frame.FrameFlags#BINARY}); the
   *     payload is not compressed here
   * @param request the request
   * @return the frame, positioned at 0
   * @throws IllegalArgumentException if the header fields are invalid or the payload exceeds 32 MiB
   */
  public static ByteBuffer encodeRequest(
      int version, int correlationId, int flags, Message request) {
    ByteBuffer payload = encodePayload(request);
    checkSize(payload);
    return FrameCodec.frame(
        new FrameHeader(
            version, request.opcode().code(), flags, correlationId, payload.remaining()),
        payload);
  }

  /**
   * A whole response frame answering {@code requestHeader}: same version and correlation id, flags
   * 0x01, the response's opcode.
   *
   * @param requestHeader the header of the request answered
   * @param response the response (ERROR, AUTH_RESPONSE, or the request's opcode)
   * @return the frame, positioned at 0
   * @throws IllegalArgumentException if the payload exceeds 32 MiB, which no SDK can read (WIRE-V1
   *     3.4)
   */
  public static ByteBuffer encodeResponse(FrameHeader requestHeader, Message response) {
    ByteBuffer payload = encodePayload(response);
    checkSize(payload);
    return FrameCodec.frame(
        requestHeader.responseHeader(response.opcode(), payload.remaining()), payload);
  }

  private static void checkSize(ByteBuffer payload) {
    if (payload.remaining() > FrameDecoder.DEFAULT_MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload: "
              + payload.remaining()
              + " bytes (expected: <= "
              + FrameDecoder.DEFAULT_MAX_PAYLOAD_BYTES
              + ")");
    }
  }

  private static ByteBuffer decompress(FrameHeader header, ByteBuffer payload)
      throws ProtocolException {
    CompressionCodec codec = header.compression();
    switch (codec) {
      case NONE:
        return payload;
      case GZIP:
        return GzipPayloads.decompress(payload, FrameDecoder.DEFAULT_MAX_PAYLOAD_BYTES);
      default:
        throw new ProtocolException(
            ErrorCode.UNSUPPORTED_COMPRESSION,
            "unsupported compression codec: "
                + codec.name().toLowerCase(java.util.Locale.ROOT)
                + " (expected: gzip or none)");
    }
  }

  private static ProtocolException withPrefix(Opcode opcode, ProtocolException e) {
    String prefix = opcode.malformedPrefix();
    if (prefix.isEmpty() || e.errorCode() != ErrorCode.MALFORMED_FRAME) {
      return e;
    }
    return new ProtocolException(e.errorCode(), prefix + e.getMessage());
  }
}
