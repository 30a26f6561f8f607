package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * CONSUME (0x02) and CONSUME_ZERO_COPY (0x0A) request, wire v1 and v2. Layout: WIRE-V1 7.2, 7.3.
 *
 * <pre>
 *   topic str | partition i32 | offset u64
 * </pre>
 *
 * @param opcode CONSUME or CONSUME_ZERO_COPY
 * @param topic the topic
 * @param partition the partition, {@code >= 0}
 * @param offset the offset of the one record to read, {@code >= 0}
 */
public record ConsumeRequest(Opcode opcode, String topic, int partition, long offset)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public ConsumeRequest {
    FieldChecks.opcode(opcode, Opcode.CONSUME, Opcode.CONSUME_ZERO_COPY);
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partition, "partition");
    FieldChecks.nonNegative(offset, "offset");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).i32(partition).i64(offset);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ConsumeRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new ConsumeRequest(opcode, in.str(), in.i32(), in.i64());
  }
}
