package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * LEAVE_GROUP (0x18) request, wire v2 only; answered with {@code AckResponse}. Layout:
 * docs/protocol.md#leave_group.
 *
 * <pre>
 *   group str | member_id str | reason str
 * </pre>
 *
 * @param group the group id
 * @param memberId the member leaving
 * @param reason why, as GROUP_DESCRIBE will report it (e.g. {@code left}, {@code poll timeout})
 */
public record LeaveGroupRequest(String group, String memberId, String reason) implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public LeaveGroupRequest {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LEAVE_GROUP;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(group).str(memberId).str(reason);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static LeaveGroupRequest decode(WireReader in) throws ProtocolException {
    return new LeaveGroupRequest(in.str(), in.str(), in.str());
  }
}
