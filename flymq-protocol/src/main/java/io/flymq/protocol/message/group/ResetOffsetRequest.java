package io.flymq.protocol.message.group;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * RESET_OFFSET (0x61) request, wire v1 and v2. Layout: WIRE-V1 13.2. The response is an {@link
 * io.flymq.protocol.message.AckResponse}.
 *
 * <pre>
 *   topic str | group_id str | partition i32 | mode str8 (earliest, latest, offset) | offset u64 (optional)
 * </pre>
 *
 * <p>The offset is required for mode {@code offset}; the Java SDK sends it for every mode (0 when
 * unused), Python and Go only for {@code offset}. The decoder keeps whether it was present so the
 * request re-encodes to the same bytes; the broker uses it only for mode {@code offset}.
 *
 * @param topic the topic
 * @param groupId the group id
 * @param partition the partition, {@code >= 0}
 * @param mode the mode text, kept as sent
 * @param offset the offset, when present
 */
public record ResetOffsetRequest(
    String topic, String groupId, int partition, String mode, OptionalLong offset)
    implements Message {
  /** The mode that requires an offset. */
  public static final String MODE_OFFSET = "offset";

  /**
   * Validates the fields. @throws IllegalArgumentException if a field is out of range or mode
   * offset lacks one
   */
  public ResetOffsetRequest {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    FieldChecks.nonNegative(partition, "partition");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(offset, "offset");
    if (offset.isPresent()) {
      FieldChecks.nonNegative(offset.getAsLong(), "offset");
    } else if (MODE_OFFSET.equals(mode)) {
      throw new IllegalArgumentException("offset: absent (expected: an offset for mode offset)");
    }
  }

  @Override
  public Opcode opcode() {
    return Opcode.RESET_OFFSET;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).str(groupId).i32(partition).str8(mode);
    offset.ifPresent(out::i64);
  }

  /**
   * Decodes the payload; a trailing offset is read whenever 8 bytes follow the mode.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated, or mode offset comes without one
   */
  public static ResetOffsetRequest decode(WireReader in) throws ProtocolException {
    String topic = in.str();
    String groupId = in.str();
    int partition = in.i32();
    String mode = in.str8();
    boolean hasOffset = in.remaining() >= 8 || MODE_OFFSET.equals(mode);
    OptionalLong offset = hasOffset ? OptionalLong.of(in.i64()) : OptionalLong.empty();
    return new ResetOffsetRequest(topic, groupId, partition, mode, offset);
  }
}
