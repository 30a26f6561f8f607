package io.flymq.protocol.message;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.wire.WireWriter;

/**
 * A request without payload: LIST_TOPICS (0x08), BEGIN_TX (0x40), CLUSTER_LEAVE (0x51), LIST_GROUPS
 * (0x62), WHOAMI (0x72), USER_LIST (0x76), ACL_LIST (0x7B), ROLE_LIST (0x7D), wire v1 and v2;
 * API_VERSIONS (0x0C), wire v2. Any payload bytes sent are ignored (WIRE-V1 7.9).
 *
 * @param opcode the request's opcode
 */
public record EmptyRequest(Opcode opcode) implements Message {
  /** Validates the opcode. @throws IllegalArgumentException for an opcode that has a payload */
  public EmptyRequest {
    FieldChecks.opcode(
        opcode,
        Opcode.LIST_TOPICS,
        Opcode.BEGIN_TX,
        Opcode.CLUSTER_LEAVE,
        Opcode.LIST_GROUPS,
        Opcode.WHOAMI,
        Opcode.USER_LIST,
        Opcode.ACL_LIST,
        Opcode.ROLE_LIST,
        Opcode.API_VERSIONS);
  }

  @Override
  public void writeTo(WireWriter out) {
    // No payload.
  }
}
