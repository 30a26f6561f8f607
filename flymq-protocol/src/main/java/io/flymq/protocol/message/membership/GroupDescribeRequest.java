package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * GROUP_DESCRIBE (0x1B) request, wire v2 only: a group's members, their assignments, and why recent
 * members left. Layout: docs/protocol.md#group_describe.
 *
 * <pre>
 *   group str
 * </pre>
 *
 * @param group the group id
 */
public record GroupDescribeRequest(String group) implements Message {
  /** Validates the fields. @throws NullPointerException for a null group */
  public GroupDescribeRequest {
    Objects.requireNonNull(group, "group");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_DESCRIBE;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(group);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static GroupDescribeRequest decode(WireReader in) throws ProtocolException {
    return new GroupDescribeRequest(in.str());
  }
}
