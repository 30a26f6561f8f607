package io.flymq.protocol.message.dlq;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * REPLAY_DLQ (0x21) request, form B (re-inject by DLQ offset; Java {@code reInjectDLQ}, Python
 * {@code re_inject_dlq}), wire v1 and v2. Layout: WIRE-V1 9.2. Decoded by {@link
 * ReplayDlqRequest#decode}; answered with a {@link ReinjectDlqResponse}.
 *
 * <pre>
 *   topic str | offset u64 (offset of the entry in the DLQ topic)
 * </pre>
 *
 * @param topic the original topic
 * @param offset the entry's offset in the DLQ topic
 */
public record ReinjectDlqRequest(String topic, long offset) implements Message {
  /** Validates the fields. @throws IllegalArgumentException if offset is negative */
  public ReinjectDlqRequest {
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(offset, "offset");
  }

  @Override
  public Opcode opcode() {
    return Opcode.REPLAY_DLQ;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).i64(offset);
  }
}
