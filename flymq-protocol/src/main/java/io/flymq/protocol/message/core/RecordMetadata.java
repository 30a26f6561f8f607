package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * RecordMetadata, the response of PRODUCE (0x01), PRODUCE_WITH_SCHEMA (0x14), PRODUCE_DELAYED
 * (0x30), PRODUCE_WITH_TTL (0x35) and PRODUCE_TX (0x43); wire v1 and v2. Layout: WIRE-V1 7.1.
 *
 * <pre>
 *   topic str | partition i32 | offset u64 | timestamp i64 (ms) | key_size i32 (-1 = no key) | value_size i32
 * </pre>
 *
 * <p>Partition 0 and offset 0 mean "not assigned yet" for a scheduled delayed message or a staged
 * transactional one (WIRE-V1 5.3).
 *
 * @param opcode the opcode answered
 * @param topic the topic written to
 * @param partition the partition written to
 * @param offset the record's offset
 * @param timestamp the append timestamp, ms since the epoch
 * @param keySize the key length, or -1 when the key was empty
 * @param valueSize the value length
 */
public record RecordMetadata(
    Opcode opcode,
    String topic,
    int partition,
    long offset,
    long timestamp,
    int keySize,
    int valueSize)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public RecordMetadata {
    FieldChecks.opcode(
        opcode,
        Opcode.PRODUCE,
        Opcode.PRODUCE_WITH_SCHEMA,
        Opcode.PRODUCE_DELAYED,
        Opcode.PRODUCE_WITH_TTL,
        Opcode.PRODUCE_TX);
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partition, "partition");
    FieldChecks.nonNegative(offset, "offset");
    if (keySize < -1) {
      throw new IllegalArgumentException("keySize: " + keySize + " (expected: >= -1)");
    }
    FieldChecks.nonNegative(valueSize, "valueSize");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).i32(partition).i64(offset).i64(timestamp).i32(keySize).i32(valueSize);
  }

  /**
   * Decodes the payload; trailing bytes are ignored (WIRE-V1 20).
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static RecordMetadata decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new RecordMetadata(opcode, in.str(), in.i32(), in.i64(), in.i64(), in.i32(), in.i32());
  }
}
