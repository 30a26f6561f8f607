package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * METADATA (0x04) response, Java layout, wire v1 and v2. Layout: WIRE-V1 7.5. The request is a
 * {@link io.flymq.protocol.message.TopicRequest}.
 *
 * <pre>
 *   topic str | partitions i32 | replication_factor i32
 * </pre>
 *
 * @param topic the topic
 * @param partitions the partition count
 * @param replicationFactor the replication factor
 */
public record MetadataResponse(String topic, int partitions, int replicationFactor)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a count is negative */
  public MetadataResponse {
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partitions, "partitions");
    FieldChecks.nonNegative(replicationFactor, "replicationFactor");
  }

  @Override
  public Opcode opcode() {
    return Opcode.METADATA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).i32(partitions).i32(replicationFactor);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static MetadataResponse decode(WireReader in) throws ProtocolException {
    return new MetadataResponse(in.str(), in.i32(), in.i32());
  }
}
