package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * JOIN_GROUP (0x16) request, wire v2 only. Layout: docs/protocol.md#join_group.
 *
 * <pre>
 *   group str | member_id str (empty on first join) | instance_id str (static membership; empty:
 *   dynamic) | topics list&lt;str&gt; | session_timeout_ms i32 | rebalance_timeout_ms i32 | assignor str
 * </pre>
 *
 * @param group the group id, not empty
 * @param memberId the id the coordinator gave earlier, or empty to get a new one
 * @param instanceId a stable id for static membership, or empty
 * @param topics the subscribed topics, at least one
 * @param sessionTimeoutMs how long without a heartbeat before the member is removed, {@code > 0}
 * @param rebalanceTimeoutMs how long a member may take to give up revoked partitions, {@code > 0}
 * @param assignor {@code range}, {@code roundrobin} or {@code sticky}
 */
public record JoinGroupRequest(
    String group,
    String memberId,
    String instanceId,
    List<String> topics,
    int sessionTimeoutMs,
    int rebalanceTimeoutMs,
    String assignor)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public JoinGroupRequest {
    Objects.requireNonNull(group, "group");
    if (group.isEmpty()) {
      throw new IllegalArgumentException("group: \"\" (expected: a group id)");
    }
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(instanceId, "instanceId");
    topics = FieldChecks.copy(topics, "topics");
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("topics: [] (expected: at least one)");
    }
    if (sessionTimeoutMs <= 0 || rebalanceTimeoutMs <= 0) {
      throw new IllegalArgumentException(
          "timeouts: session "
              + sessionTimeoutMs
              + ", rebalance "
              + rebalanceTimeoutMs
              + " ms (expected: > 0)");
    }
    Objects.requireNonNull(assignor, "assignor");
  }

  @Override
  public Opcode opcode() {
    return Opcode.JOIN_GROUP;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(group).str(memberId).str(instanceId).strList(topics);
    out.i32(sessionTimeoutMs).i32(rebalanceTimeoutMs).str(assignor);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static JoinGroupRequest decode(WireReader in) throws ProtocolException {
    return new JoinGroupRequest(
        in.str(), in.str(), in.str(), in.strList(), in.i32(), in.i32(), in.str());
  }
}
