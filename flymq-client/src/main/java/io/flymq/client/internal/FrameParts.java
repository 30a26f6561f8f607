package io.flymq.client.internal;

import io.flymq.protocol.Message;
import io.flymq.protocol.frame.FrameCodec;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameFlags;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.wire.WireWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A request frame as the pieces written to the socket: header, encoded fields, and for
 * PRODUCE_BATCH the record batch straight from the producer's buffer, so the batch is copied once
 * (into the socket buffer) rather than into a payload and then a frame first.
 */
final class FrameParts {
  private final byte[] header;
  private final WireWriter fields;
  private final ByteBuffer tail;

  private FrameParts(byte[] header, WireWriter fields, ByteBuffer tail) {
    this.header = header;
    this.fields = fields;
    this.tail = tail;
  }

  /**
   * @throws IllegalArgumentException if a field cannot be encoded or the payload exceeds the frame
   *     limit
   */
  static FrameParts of(int version, int correlationId, Message request) {
    WireWriter fields = new WireWriter(64);
    ByteBuffer tail;
    if (request instanceof ProduceBatchRequest) {
      ProduceBatchRequest produce = (ProduceBatchRequest) request;
      produce.writePrefixTo(fields);
      tail = produce.recordBatch();
    } else {
      request.writeTo(fields);
      tail = ByteBuffer.allocate(0);
    }
    long length = (long) fields.size() + tail.remaining();
    if (length > FrameDecoder.DEFAULT_MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload: "
              + length
              + " bytes (expected: <= "
              + FrameDecoder.DEFAULT_MAX_PAYLOAD_BYTES
              + ")");
    }
    FrameHeader frameHeader =
        new FrameHeader(
            version, request.opcode().code(), FrameFlags.BINARY, correlationId, (int) length);
    ByteBuffer headerBytes = ByteBuffer.allocate(frameHeader.headerBytes());
    FrameCodec.writeHeader(frameHeader, headerBytes);
    return new FrameParts(headerBytes.array(), fields, tail);
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(header);
    out.write(fields.toByteArray());
    if (tail.hasArray()) {
      out.write(tail.array(), tail.arrayOffset() + tail.position(), tail.remaining());
    } else {
      byte[] copy = new byte[tail.remaining()];
      tail.duplicate().get(copy);
      out.write(copy);
    }
  }
}
