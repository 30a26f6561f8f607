package io.flymq.server.handler;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.storage.log.LogSlice;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What a handler answers: a message the network encodes, or a payload already laid out in parts so
 * that record batches can go from a segment file to the socket with zero copy.
 */
public sealed interface Response permits Response.Of, Response.Parts {

  static Response of(Message message) {
    return new Of(message);
  }

  /** An encoded message. */
  record Of(Message message) implements Response {}

  /**
   * A payload made of buffers and file slices, in order; {@code opcode} is the response opcode.
   * File slices are sent with sendfile when the connection allows it, copied otherwise.
   */
  record Parts(Opcode opcode, List<Object> parts) implements Response {
    public Parts {
      parts = List.copyOf(parts);
      for (Object part : parts) {
        if (!(part instanceof ByteBuffer) && !(part instanceof LogSlice.FileSlice)) {
          throw new IllegalArgumentException(
              "part: " + part.getClass() + " (expected: ByteBuffer or FileSlice)");
        }
      }
    }

    /** Payload bytes. */
    public long length() {
      long total = 0;
      for (Object part : parts) {
        total +=
            part instanceof ByteBuffer buffer
                ? buffer.remaining()
                : ((LogSlice.FileSlice) part).sizeInBytes();
      }
      return total;
    }
  }
}
