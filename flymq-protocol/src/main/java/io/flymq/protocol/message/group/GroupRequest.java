package io.flymq.protocol.message.group;

import io.flymq.protocol.Dialect;
import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * DESCRIBE_GROUP (0x63) and DELETE_GROUP (0x65) request, wire v1 and v2, in the layouts of WIRE-V1
 * 13.4, 13.6 and 18 A:
 *
 * <pre>
 *   reference/Python layout: topic str | group_id str   (Go SDK: topic empty)
 *   Java layout:             group_id str
 * </pre>
 *
 * <p>A payload that consists of exactly one {@code str} is the Java layout ({@code topic} empty
 * Optional); DESCRIBE_GROUP in the Java layout is answered with {@link DescribeGroupJavaResponse},
 * otherwise with {@link DescribeGroupResponse}. DELETE_GROUP is answered with an {@link
 * io.flymq.protocol.message.AckResponse}.
 *
 * @param opcode DESCRIBE_GROUP or DELETE_GROUP
 * @param topic the topic (empty string = every topic, Go SDK); absent in the Java layout
 * @param groupId the group id
 */
public record GroupRequest(Opcode opcode, Optional<String> topic, String groupId)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public GroupRequest {
    FieldChecks.opcode(opcode, Opcode.DESCRIBE_GROUP, Opcode.DELETE_GROUP);
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
  }

  /** {@link Dialect#JAVA} for the one-string layout, {@link Dialect#REFERENCE} otherwise. */
  public Dialect layout() {
    return topic.isPresent() ? Dialect.REFERENCE : Dialect.JAVA;
  }

  @Override
  public void writeTo(WireWriter out) {
    topic.ifPresent(out::str);
    out.str(groupId);
  }

  /**
   * Decodes either layout.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static GroupRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    String first = in.str();
    if (in.remaining() == 0) {
      return new GroupRequest(opcode, Optional.empty(), first);
    }
    return new GroupRequest(opcode, Optional.of(first), in.str());
  }
}
