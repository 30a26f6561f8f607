package io.flymq.protocol.message.group;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * A consumer group on one topic in the <em>reference layout</em>: the element of the reference
 * LIST_GROUPS (0x62) response and the body of the reference DESCRIBE_GROUP (0x63) response; wire v1
 * and v2. Layout: WIRE-V1 13.3.
 *
 * <pre>
 *   topic str | group_id str | members u32 | offsets list&lt;partition i32 | offset u64&gt;
 * </pre>
 *
 * @param topic the topic
 * @param groupId the group id
 * @param members the number of live member connections
 * @param offsets the committed offsets, by partition
 */
public record GroupSummary(
    String topic, String groupId, long members, List<PartitionOffset> offsets) {
  static final int MIN_BYTES = 12;

  /** Validates the fields. @throws IllegalArgumentException if members does not fit a u32 */
  public GroupSummary {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    FieldChecks.u32(members, "members");
    offsets = FieldChecks.copy(offsets, "offsets");
  }

  static void writeTo(GroupSummary group, WireWriter out) {
    out.str(group.topic)
        .str(group.groupId)
        .u32(group.members)
        .list(group.offsets, (o, w) -> w.i32(o.partition()).i64(o.offset()));
  }

  static GroupSummary decode(WireReader in) throws ProtocolException {
    String topic = in.str();
    String groupId = in.str();
    long members = in.u32();
    int count = in.count32(12);
    return new GroupSummary(
        topic, groupId, members, in.list(count, r -> new PartitionOffset(r.i32(), r.i64())));
  }

  /**
   * A committed offset.
   *
   * @param partition the partition
   * @param offset the committed offset (next to consume)
   */
  public record PartitionOffset(int partition, long offset) {
    /** Validates the fields. @throws IllegalArgumentException if a field is negative */
    public PartitionOffset {
      FieldChecks.nonNegative(partition, "partition");
      FieldChecks.nonNegative(offset, "offset");
    }
  }
}
