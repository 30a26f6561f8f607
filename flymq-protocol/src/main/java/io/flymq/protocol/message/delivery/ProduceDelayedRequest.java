package io.flymq.protocol.message.delivery;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * PRODUCE_DELAYED (0x30) request, wire v1 and v2. Layout: WIRE-V1 10.1. The response is a {@link
 * io.flymq.protocol.message.core.RecordMetadata}. After the delay the data is appended as a keyless
 * record; the response's partition and offset are 0 while it waits.
 *
 * <pre>
 *   topic str | data bytes | delay_ms i64
 * </pre>
 *
 * @param topic the topic
 * @param data the message (read-only view)
 * @param delayMs the delay before the message is appended, {@code >= 0}
 */
public record ProduceDelayedRequest(String topic, ByteBuffer data, long delayMs)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public ProduceDelayedRequest {
    Objects.requireNonNull(topic, "topic");
    data = ByteViews.readOnly(data, "data");
    FieldChecks.nonNegative(delayMs, "delayMs");
  }

  /** The message bytes. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.PRODUCE_DELAYED;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).bytes(data).i64(delayMs);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ProduceDelayedRequest decode(WireReader in) throws ProtocolException {
    return new ProduceDelayedRequest(in.str(), in.bytes(), in.i64());
  }
}
