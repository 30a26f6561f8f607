package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * CREATE_TOPIC (0x03) request, wire v1 and v2. Layout: WIRE-V1 7.4. The response is an {@link
 * io.flymq.protocol.message.AckResponse}.
 *
 * <pre>
 *   topic str | partitions i32 (0 = 1 partition)
 * </pre>
 *
 * @param topic the topic name
 * @param partitions the partition count, {@code >= 0}
 */
public record CreateTopicRequest(String topic, int partitions) implements Message {
  /** Validates the fields. @throws IllegalArgumentException if partitions is negative */
  public CreateTopicRequest {
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partitions, "partitions");
  }

  @Override
  public Opcode opcode() {
    return Opcode.CREATE_TOPIC;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).i32(partitions);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static CreateTopicRequest decode(WireReader in) throws ProtocolException {
    return new CreateTopicRequest(in.str(), in.i32());
  }
}
