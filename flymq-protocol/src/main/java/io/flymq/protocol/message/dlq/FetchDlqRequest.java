package io.flymq.protocol.message.dlq;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * FETCH_DLQ (0x20) request, wire v1 and v2. Layout: WIRE-V1 9.1.
 *
 * <pre>
 *   topic str (the original topic) | max_messages i32
 * </pre>
 *
 * @param topic the original topic whose dead-letter queue is read
 * @param maxMessages the most entries to return
 */
public record FetchDlqRequest(String topic, int maxMessages) implements Message {
  /** Validates the fields. @throws NullPointerException if topic is null */
  public FetchDlqRequest {
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public Opcode opcode() {
    return Opcode.FETCH_DLQ;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).i32(maxMessages);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static FetchDlqRequest decode(WireReader in) throws ProtocolException {
    return new FetchDlqRequest(in.str(), in.i32());
  }
}
