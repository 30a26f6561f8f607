package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * GROUP_HEARTBEAT (0x17) request, wire v2 only: keeps the member alive and reports the partitions
 * it still owns, so the coordinator knows which revoked partitions are free to move. Layout:
 * docs/protocol.md#group_heartbeat.
 *
 * <pre>
 *   group str | member_id str | generation i32 | owned list&lt;topic str | partition i32&gt;
 * </pre>
 *
 * @param group the group id
 * @param memberId the member's id from JOIN_GROUP
 * @param generation the latest generation the member saw
 * @param owned the partitions the member consumes now
 */
public record HeartbeatRequest(
    String group, String memberId, int generation, List<PartitionRef> owned) implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public HeartbeatRequest {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(memberId, "memberId");
    owned = FieldChecks.copy(owned, "owned");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_HEARTBEAT;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(group).str(memberId).i32(generation);
    PartitionRef.writeList(owned, out);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static HeartbeatRequest decode(WireReader in) throws ProtocolException {
    return new HeartbeatRequest(in.str(), in.str(), in.i32(), PartitionRef.readList(in));
  }
}
