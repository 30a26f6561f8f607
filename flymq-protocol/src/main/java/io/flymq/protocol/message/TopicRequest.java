package io.flymq.protocol.message;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * A request whose payload is one {@code topic str}: METADATA (0x04, Java layout), DELETE_TOPIC
 * (0x09), LIST_SCHEMAS (0x12), PURGE_DLQ (0x22), CLUSTER_METADATA (0x53), ACL_GET (0x79),
 * ACL_DELETE (0x7A); wire v1 and v2. Layouts: WIRE-V1 7.5, 7.10, 8.3, 9.3, 12.4, 14.10, 14.11.
 *
 * <p>For LIST_SCHEMAS and CLUSTER_METADATA the topic is a trailing optional field (WIRE-V1 5.4): an
 * empty payload decodes as the empty topic ("all"); the encoder always writes the field.
 *
 * @param opcode the request's opcode
 * @param topic the topic; empty means "all" for LIST_SCHEMAS and CLUSTER_METADATA
 */
public record TopicRequest(Opcode opcode, String topic) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for an opcode without this layout */
  public TopicRequest {
    FieldChecks.opcode(
        opcode,
        Opcode.METADATA,
        Opcode.DELETE_TOPIC,
        Opcode.LIST_SCHEMAS,
        Opcode.PURGE_DLQ,
        Opcode.CLUSTER_METADATA,
        Opcode.ACL_GET,
        Opcode.ACL_DELETE,
        Opcode.DESCRIBE_TOPIC_CONFIG);
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static TopicRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    boolean optional = opcode == Opcode.LIST_SCHEMAS || opcode == Opcode.CLUSTER_METADATA;
    return new TopicRequest(opcode, optional && in.remaining() == 0 ? "" : in.str());
  }
}
