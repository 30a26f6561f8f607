package io.flymq.protocol.message.group;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * The topic/group/partition layout: GET_OFFSET (0x60) and GET_LAG (0x64) request, wire v1 and v2.
 * Layout: WIRE-V1 13.1. Answered with an {@link io.flymq.protocol.message.core.OffsetResponse}
 * (GET_OFFSET) or a {@link GetLagResponse}.
 *
 * <pre>
 *   topic str | group_id str | partition i32
 * </pre>
 *
 * @param opcode GET_OFFSET or GET_LAG
 * @param topic the topic
 * @param groupId the group id
 * @param partition the partition, {@code >= 0}
 */
public record GroupPartitionRequest(Opcode opcode, String topic, String groupId, int partition)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public GroupPartitionRequest {
    FieldChecks.opcode(opcode, Opcode.GET_OFFSET, Opcode.GET_LAG);
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    FieldChecks.nonNegative(partition, "partition");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).str(groupId).i32(partition);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static GroupPartitionRequest decode(Opcode opcode, WireReader in)
      throws ProtocolException {
    return new GroupPartitionRequest(opcode, in.str(), in.str(), in.i32());
  }
}
