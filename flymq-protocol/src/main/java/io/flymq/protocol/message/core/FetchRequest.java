package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * FETCH (0x07) and FETCH_BINARY (0x0B) request, wire v1 and v2. Layout: WIRE-V1 7.8.
 *
 * <pre>
 *   topic str | partition i32 | offset u64 | max_messages i32 (&lt;= 0 means 10) | filter str (trailing, optional)
 * </pre>
 *
 * <p>A missing filter decodes as empty (no filter); the encoder always writes it, as every SDK
 * does.
 *
 * @param opcode FETCH or FETCH_BINARY
 * @param topic the topic
 * @param partition the partition, {@code >= 0}
 * @param offset the first offset to read, {@code >= 0}
 * @param maxMessages the most messages to return; {@code <= 0} means 10
 * @param filter the filter, empty for none
 */
public record FetchRequest(
    Opcode opcode, String topic, int partition, long offset, int maxMessages, String filter)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public FetchRequest {
    FieldChecks.opcode(opcode, Opcode.FETCH, Opcode.FETCH_BINARY);
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partition, "partition");
    FieldChecks.nonNegative(offset, "offset");
    Objects.requireNonNull(filter, "filter");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).i32(partition).i64(offset).i32(maxMessages).str(filter);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static FetchRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    String topic = in.str();
    int partition = in.i32();
    long offset = in.i64();
    int maxMessages = in.i32();
    String filter = in.remaining() == 0 ? "" : in.str();
    return new FetchRequest(opcode, topic, partition, offset, maxMessages, filter);
  }
}
