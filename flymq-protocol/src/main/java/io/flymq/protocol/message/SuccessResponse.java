package io.flymq.protocol.message;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * The "success layout" ({@code success bool, message str}) of DELETE_SCHEMA (0x15), REPLAY_DLQ form
 * A (0x21), PURGE_DLQ (0x22), CANCEL_DELAYED (0x31), CLUSTER_JOIN (0x50), CLUSTER_LEAVE (0x51),
 * USER_DELETE (0x74), USER_UPDATE (0x75) and PASSWORD_CHANGE (0x7C); wire v1 and v2. Layout:
 * WIRE-V1 8.6.
 *
 * @param opcode the opcode answered
 * @param success whether the operation succeeded
 * @param message {@code OK}, the user name, or an error text
 */
public record SuccessResponse(Opcode opcode, boolean success, String message) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for an opcode without this layout */
  public SuccessResponse {
    FieldChecks.opcode(
        opcode,
        Opcode.DELETE_SCHEMA,
        Opcode.REPLAY_DLQ,
        Opcode.PURGE_DLQ,
        Opcode.CANCEL_DELAYED,
        Opcode.CLUSTER_JOIN,
        Opcode.CLUSTER_LEAVE,
        Opcode.USER_DELETE,
        Opcode.USER_UPDATE,
        Opcode.PASSWORD_CHANGE);
    Objects.requireNonNull(message, "message");
  }

  /**
   * A successful response with message {@code OK}.
   *
   * @param opcode the opcode answered
   */
  public static SuccessResponse ok(Opcode opcode) {
    return new SuccessResponse(opcode, true, "OK");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bool(success).str(message);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static SuccessResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new SuccessResponse(opcode, in.bool(), in.str());
  }
}
