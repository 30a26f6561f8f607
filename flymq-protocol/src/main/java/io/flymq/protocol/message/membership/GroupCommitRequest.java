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
 * GROUP_COMMIT (0x19) request, wire v2 only: a group member commits offsets with metadata; the
 * coordinator fences commits from members it removed and for partitions assigned to someone else.
 * Layout: docs/protocol.md#group_commit.
 *
 * <pre>
 *   group str | member_id str (empty: not a member, e.g. an admin tool) | generation i32
 *   | offsets list&lt;topic str | partition i32 | offset i64 | metadata str&gt;
 * </pre>
 *
 * @param group the group id
 * @param memberId the committing member, or empty for a commit from outside the group
 * @param generation the generation the member last saw
 * @param offsets the offsets (next record to read) and their metadata
 */
public record GroupCommitRequest(
    String group, String memberId, int generation, List<CommitEntry> offsets) implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public GroupCommitRequest {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(memberId, "memberId");
    offsets = FieldChecks.copy(offsets, "offsets");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_COMMIT;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(group).str(memberId).i32(generation);
    out.list(
        offsets, (e, w) -> w.str(e.topic()).i32(e.partition()).i64(e.offset()).str(e.metadata()));
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static GroupCommitRequest decode(WireReader in) throws ProtocolException {
    String group = in.str();
    String member = in.str();
    int generation = in.i32();
    List<CommitEntry> offsets =
        in.list(
            in.count32(CommitEntry.MIN_BYTES),
            r -> new CommitEntry(r.str(), r.i32(), r.i64(), r.str()));
    return new GroupCommitRequest(group, member, generation, offsets);
  }

  /**
   * One offset to commit.
   *
   * @param topic the topic
   * @param partition the partition
   * @param offset the next offset to read, {@code >= 0}
   * @param metadata free text kept with the commit
   */
  public record CommitEntry(String topic, int partition, long offset, String metadata) {
    static final int MIN_BYTES = 16;

    /** Validates the fields. @throws IllegalArgumentException for negative numbers */
    public CommitEntry {
      Objects.requireNonNull(topic, "topic");
      FieldChecks.nonNegative(partition, "partition");
      FieldChecks.nonNegative(offset, "offset");
      Objects.requireNonNull(metadata, "metadata");
    }
  }
}
