package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * GROUP_HEARTBEAT (0x17) response: the partitions the member should own now. Partitions it owns but
 * which are missing here are revoked (give them up, then say so in the next heartbeat); new ones
 * are assigned only once their previous owner has given them up (cooperative rebalancing). Layout:
 * docs/protocol.md#group_heartbeat.
 *
 * <pre>
 *   error_code i16 | generation i32 | assignment list&lt;topic str | partition i32&gt;
 * </pre>
 *
 * @param errorCode NONE; UNKNOWN_MEMBER when the member was removed (rejoin)
 * @param generation the group's current generation
 * @param assignment the partitions the member should own
 */
public record HeartbeatResponse(ErrorCode errorCode, int generation, List<PartitionRef> assignment)
    implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public HeartbeatResponse {
    Objects.requireNonNull(errorCode, "errorCode");
    assignment = FieldChecks.copy(assignment, "assignment");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_HEARTBEAT;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.u16(errorCode.code()).i32(generation);
    PartitionRef.writeList(assignment, out);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static HeartbeatResponse decode(WireReader in) throws ProtocolException {
    return new HeartbeatResponse(ErrorCode.fromCode(in.i16()), in.i32(), PartitionRef.readList(in));
  }
}
