package io.flymq.protocol.message.group;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * DESCRIBE_GROUP (0x63) response, Java layout (Java SDK), {@link io.flymq.protocol.Dialect#JAVA};
 * wire v1 and v2. Layout: WIRE-V1 13.4: one {@link GroupDescription} and nothing else.
 *
 * @param group the described group
 */
public record DescribeGroupJavaResponse(GroupDescription group) implements Message {
  /** Validates the field. @throws NullPointerException if group is null */
  public DescribeGroupJavaResponse {
    Objects.requireNonNull(group, "group");
  }

  @Override
  public Opcode opcode() {
    return Opcode.DESCRIBE_GROUP;
  }

  @Override
  public void writeTo(WireWriter out) {
    GroupDescription.writeTo(group, out);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static DescribeGroupJavaResponse decode(WireReader in) throws ProtocolException {
    return new DescribeGroupJavaResponse(GroupDescription.decode(in));
  }
}
