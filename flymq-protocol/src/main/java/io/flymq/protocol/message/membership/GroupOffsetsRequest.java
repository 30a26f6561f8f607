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
 * GROUP_OFFSETS (0x1A) request, wire v2 only: a group's committed offsets with their metadata.
 * Layout: docs/protocol.md#group_offsets.
 *
 * <pre>
 *   group str | partitions list&lt;topic str | partition i32&gt;
 * </pre>
 *
 * @param group the group id
 * @param partitions the partitions asked about
 */
public record GroupOffsetsRequest(String group, List<PartitionRef> partitions) implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public GroupOffsetsRequest {
    Objects.requireNonNull(group, "group");
    partitions = FieldChecks.copy(partitions, "partitions");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_OFFSETS;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(group);
    PartitionRef.writeList(partitions, out);
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static GroupOffsetsRequest decode(WireReader in) throws ProtocolException {
    return new GroupOffsetsRequest(in.str(), PartitionRef.readList(in));
  }
}
