package io.flymq.protocol.message.auth;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * The ACL response layout of ACL_SET (0x78) and ACL_DELETE (0x7A), wire v1 and v2. Layout: WIRE-V1
 * 14.9: {@code success bool | topic str}.
 *
 * @param opcode ACL_SET or ACL_DELETE
 * @param success whether the ACL was changed
 * @param topic the topic
 */
public record AclResponse(Opcode opcode, boolean success, String topic) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public AclResponse {
    FieldChecks.opcode(opcode, Opcode.ACL_SET, Opcode.ACL_DELETE);
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bool(success).str(topic);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AclResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new AclResponse(opcode, in.bool(), in.str());
  }
}
