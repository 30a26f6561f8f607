package io.flymq.protocol.message.delivery;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * PRODUCE_WITH_TTL (0x35) request, wire v1 and v2. Layout: WIRE-V1 10.3. The response is a {@link
 * io.flymq.protocol.message.core.RecordMetadata}. The record is written at once and hidden from
 * CONSUME/FETCH once it expires.
 *
 * <pre>
 *   topic str | data bytes | ttl_ms i64
 * </pre>
 *
 * @param topic the topic
 * @param data the message (read-only view)
 * @param ttlMs the time to live; {@code <= 0} means the record never expires
 */
public record ProduceWithTtlRequest(String topic, ByteBuffer data, long ttlMs) implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public ProduceWithTtlRequest {
    Objects.requireNonNull(topic, "topic");
    data = ByteViews.readOnly(data, "data");
  }

  /** The message bytes. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.PRODUCE_WITH_TTL;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).bytes(data).i64(ttlMs);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ProduceWithTtlRequest decode(WireReader in) throws ProtocolException {
    return new ProduceWithTtlRequest(in.str(), in.bytes(), in.i64());
  }
}
