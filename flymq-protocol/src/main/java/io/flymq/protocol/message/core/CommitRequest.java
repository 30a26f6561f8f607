package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * COMMIT (0x06) request, wire v1 and v2. Layout: WIRE-V1 7.7. The response is an {@link
 * io.flymq.protocol.message.AckResponse}.
 *
 * <pre>
 *   topic str | group_id str | partition i32 | offset u64 (next offset to consume)
 * </pre>
 *
 * @param topic the topic
 * @param groupId the group id
 * @param partition the partition, {@code >= 0}
 * @param offset the offset to store, {@code >= 0}
 */
public record CommitRequest(String topic, String groupId, int partition, long offset)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is negative */
  public CommitRequest {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    FieldChecks.nonNegative(partition, "partition");
    FieldChecks.nonNegative(offset, "offset");
  }

  @Override
  public Opcode opcode() {
    return Opcode.COMMIT;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).str(groupId).i32(partition).i64(offset);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static CommitRequest decode(WireReader in) throws ProtocolException {
    return new CommitRequest(in.str(), in.str(), in.i32(), in.i64());
  }
}
