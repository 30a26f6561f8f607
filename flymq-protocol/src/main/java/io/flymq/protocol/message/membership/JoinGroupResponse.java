package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * JOIN_GROUP (0x16) response. Layout: docs/protocol.md#join_group.
 *
 * <pre>
 *   error_code i16 | member_id str | generation i32 | heartbeat_interval_ms i32
 * </pre>
 *
 * @param errorCode NONE, or why the member may not join
 * @param memberId the member's id (reused for a known static instance)
 * @param generation the group generation the member joined
 * @param heartbeatIntervalMs how often to send GROUP_HEARTBEAT
 */
public record JoinGroupResponse(
    ErrorCode errorCode, String memberId, int generation, int heartbeatIntervalMs)
    implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public JoinGroupResponse {
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(memberId, "memberId");
  }

  @Override
  public Opcode opcode() {
    return Opcode.JOIN_GROUP;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.u16(errorCode.code()).str(memberId).i32(generation).i32(heartbeatIntervalMs);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static JoinGroupResponse decode(WireReader in) throws ProtocolException {
    return new JoinGroupResponse(ErrorCode.fromCode(in.i16()), in.str(), in.i32(), in.i32());
  }
}
