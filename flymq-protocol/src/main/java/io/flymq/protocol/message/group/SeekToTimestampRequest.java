package io.flymq.protocol.message.group;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * SEEK_TO_TIMESTAMP (0x66) request, a FlyMQ-JVM proposal no public SDK sends; wire v1 and v2.
 * Layout: WIRE-V1 13.7. The response is an {@link io.flymq.protocol.message.core.OffsetResponse}.
 *
 * <pre>
 *   topic str | group_id str | partition i32 | timestamp i64 (ms)
 * </pre>
 *
 * @param topic the topic
 * @param groupId the group whose offset is moved
 * @param partition the partition, {@code >= 0}
 * @param timestamp ms since the epoch
 */
public record SeekToTimestampRequest(String topic, String groupId, int partition, long timestamp)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if partition is negative */
  public SeekToTimestampRequest {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    FieldChecks.nonNegative(partition, "partition");
  }

  @Override
  public Opcode opcode() {
    return Opcode.SEEK_TO_TIMESTAMP;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).str(groupId).i32(partition).i64(timestamp);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static SeekToTimestampRequest decode(WireReader in) throws ProtocolException {
    return new SeekToTimestampRequest(in.str(), in.str(), in.i32(), in.i64());
  }
}
