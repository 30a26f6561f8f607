package io.flymq.protocol.message;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;

/**
 * The one-byte {@code success bool} response of CREATE_TOPIC (0x03), COMMIT (0x06), DELETE_TOPIC
 * (0x09), RESET_OFFSET (0x61) and DELETE_GROUP (0x65); wire v1 and v2. Layout: WIRE-V1 7.4, 7.7.
 * Always {@code true} from FlyMQ: failures are ERROR frames.
 *
 * @param opcode the opcode answered
 * @param success whether the operation succeeded
 */
public record AckResponse(Opcode opcode, boolean success) implements Message {
  /** Validates the opcode. @throws IllegalArgumentException for an opcode without this layout */
  public AckResponse {
    FieldChecks.opcode(
        opcode,
        Opcode.CREATE_TOPIC,
        Opcode.COMMIT,
        Opcode.DELETE_TOPIC,
        Opcode.RESET_OFFSET,
        Opcode.DELETE_GROUP,
        Opcode.LEAVE_GROUP);
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bool(success);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is empty
   */
  public static AckResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new AckResponse(opcode, in.bool());
  }
}
