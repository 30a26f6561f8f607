package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * SUBSCRIBE (0x05) request, wire v1 and v2. Layout: WIRE-V1 7.6. The response is an {@link
 * OffsetResponse}.
 *
 * <pre>
 *   topic str | group_id str (may be empty) | partition i32 | mode str8 (earliest, latest, commit; empty = latest)
 * </pre>
 *
 * <p>The mode is kept as sent: an unknown mode is not malformed but answered with {@code unknown
 * subscribe mode: <mode>} by the broker.
 *
 * @param topic the topic
 * @param groupId the group id, empty for none
 * @param partition the partition, {@code >= 0}
 * @param mode the start mode text
 */
public record SubscribeRequest(String topic, String groupId, int partition, String mode)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if partition is negative */
  public SubscribeRequest {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    FieldChecks.nonNegative(partition, "partition");
    Objects.requireNonNull(mode, "mode");
  }

  @Override
  public Opcode opcode() {
    return Opcode.SUBSCRIBE;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).str(groupId).i32(partition).str8(mode);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static SubscribeRequest decode(WireReader in) throws ProtocolException {
    return new SubscribeRequest(in.str(), in.str(), in.i32(), in.str8());
  }
}
