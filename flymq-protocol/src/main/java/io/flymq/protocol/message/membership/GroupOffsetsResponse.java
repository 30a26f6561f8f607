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
 * GROUP_OFFSETS (0x1A) response: one entry per requested partition, in request order. Layout:
 * docs/protocol.md#group_offsets.
 *
 * <pre>
 *   offsets list&lt;topic str | partition i32 | offset i64 (-1: nothing committed) | metadata str&gt;
 * </pre>
 *
 * @param offsets the committed offsets
 */
public record GroupOffsetsResponse(List<Committed> offsets) implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public GroupOffsetsResponse {
    offsets = FieldChecks.copy(offsets, "offsets");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_OFFSETS;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(
        offsets, (c, w) -> w.str(c.topic()).i32(c.partition()).i64(c.offset()).str(c.metadata()));
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static GroupOffsetsResponse decode(WireReader in) throws ProtocolException {
    return new GroupOffsetsResponse(
        in.list(
            in.count32(Committed.MIN_BYTES),
            r -> new Committed(r.str(), r.i32(), r.i64(), r.str())));
  }

  /**
   * One partition's commit.
   *
   * @param topic the topic
   * @param partition the partition
   * @param offset the committed offset, -1 when nothing is committed
   * @param metadata the metadata stored with it, empty when none
   */
  public record Committed(String topic, int partition, long offset, String metadata) {
    static final int MIN_BYTES = 16;

    /** Validates the fields. @throws NullPointerException for null fields */
    public Committed {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(metadata, "metadata");
    }
  }
}
