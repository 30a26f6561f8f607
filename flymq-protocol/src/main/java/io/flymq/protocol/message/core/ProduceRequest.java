package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * PRODUCE (0x01) request, wire v1 and v2. Layout: WIRE-V1 7.1.
 *
 * <pre>
 *   topic str | key bytes (length 0 = no key) | value bytes | partition i32 (-1 = broker chooses)
 * </pre>
 *
 * @param topic the topic
 * @param key the key, empty for none (read-only view)
 * @param value the value (read-only view)
 * @param partition {@code -1} or an explicit partition {@code >= 0}
 */
public record ProduceRequest(String topic, ByteBuffer key, ByteBuffer value, int partition)
    implements Message {
  /** The partition value that lets the broker choose (FNV-1a of the key, or round robin). */
  public static final int ANY_PARTITION = -1;

  /** Validates the fields. @throws IllegalArgumentException if partition is below -1 */
  public ProduceRequest {
    Objects.requireNonNull(topic, "topic");
    key = ByteViews.readOnly(key, "key");
    value = ByteViews.readOnly(value, "value");
    if (partition < ANY_PARTITION) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: -1 or >= 0)");
    }
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
  public Opcode opcode() {
    return Opcode.PRODUCE;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).bytes(key).bytes(value).i32(partition);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ProduceRequest decode(WireReader in) throws ProtocolException {
    return new ProduceRequest(in.str(), in.bytes(), in.bytes(), in.i32());
  }
}
