package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;

/**
 * CONSUME (0x02) and CONSUME_ZERO_COPY (0x0A) response, wire v1 and v2. Layout: WIRE-V1 7.2.
 *
 * <pre>
 *   key bytes (length 0 = no key) | value bytes
 * </pre>
 *
 * @param opcode CONSUME or CONSUME_ZERO_COPY
 * @param key the key, empty for none (read-only view)
 * @param value the value (read-only view)
 */
public record ConsumeResponse(Opcode opcode, ByteBuffer key, ByteBuffer value) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public ConsumeResponse {
    FieldChecks.opcode(opcode, Opcode.CONSUME, Opcode.CONSUME_ZERO_COPY);
    key = ByteViews.readOnly(key, "key");
    value = ByteViews.readOnly(value, "value");
  }

  /** The key; empty when the record has none. */
  @Override
  public ByteBuffer key() {
    return key.duplicate();
  }

  /** The value. */
  @Override
  public ByteBuffer value() {
    return value.duplicate();
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bytes(key).bytes(value);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ConsumeResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new ConsumeResponse(opcode, in.bytes(), in.bytes());
  }
}
