package io.flymq.protocol.message.group;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * A consumer group in the <em>Java layout</em>: the element of the Java LIST_GROUPS (0x62) response
 * and the body of the Java DESCRIBE_GROUP (0x63) response; wire v1 and v2. Layout: WIRE-V1 13.3
 * (jgroup). No server produced it before FlyMQ; its values are FlyMQ's choice.
 *
 * <pre>
 *   group_id str | state str (Stable, Empty) | members list&lt;str&gt; | topics list&lt;str&gt; | coordinator str (empty = unknown)
 * </pre>
 *
 * @param groupId the group id
 * @param state {@code Stable} with live members, else {@code Empty}
 * @param members member ids ({@code ip:port})
 * @param topics the topics the group id is known on
 * @param coordinator the coordinating node id, empty when unknown
 */
public record GroupDescription(
    String groupId, String state, List<String> members, List<String> topics, String coordinator) {
  static final int MIN_BYTES = 14;

  /** Validates the fields. @throws NullPointerException if a field is null */
  public GroupDescription {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(state, "state");
    members = FieldChecks.copy(members, "members");
    topics = FieldChecks.copy(topics, "topics");
    Objects.requireNonNull(coordinator, "coordinator");
  }

  static void writeTo(GroupDescription group, WireWriter out) {
    out.str(group.groupId)
        .str(group.state)
        .strList(group.members)
        .strList(group.topics)
        .str(group.coordinator);
  }

  static GroupDescription decode(WireReader in) throws ProtocolException {
    return new GroupDescription(in.str(), in.str(), in.strList(), in.strList(), in.str());
  }
}
