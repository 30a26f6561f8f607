package io.flymq.protocol.message.batch;

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
 * PRODUCE_BATCH (0x0D) request, wire v2 only. Layout: docs/protocol.md#produce_batch.
 *
 * <pre>
 *   topic str | partition i32 | acks i16 (-1 all, 0 none, 1 leader) | timeout_ms i32 | record_batch bytes
 * </pre>
 *
 * <p>{@code record_batch} is one Kafka RecordBatch v2, kept as an opaque read-only view: the broker
 * validates it with the storage module's flyweight, never as objects per record.
 *
 * @param topic the topic
 * @param partition the partition, {@code >= 0}
 * @param acks -1, 0 or 1
 * @param timeoutMs how long to wait for acknowledgements, {@code >= 0}
 * @param recordBatch one RecordBatch v2 (read-only view)
 */
public record ProduceBatchRequest(
    String topic, int partition, short acks, int timeoutMs, ByteBuffer recordBatch)
    implements Message {
  /** Acknowledge after all in-sync replicas have the batch. */
  public static final short ACKS_ALL = -1;

  /** Acknowledge as soon as the batch is accepted, before it is appended. */
  public static final short ACKS_NONE = 0;

  /** Acknowledge after the leader has appended the batch. */
  public static final short ACKS_LEADER = 1;

  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public ProduceBatchRequest {
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partition, "partition");
    if (acks < ACKS_ALL || acks > ACKS_LEADER) {
      throw new IllegalArgumentException("acks: " + acks + " (expected: -1, 0 or 1)");
    }
    FieldChecks.nonNegative(timeoutMs, "timeoutMs");
    recordBatch = ByteViews.readOnly(recordBatch, "recordBatch");
  }

  /** The record batch bytes. */
  @Override
  public ByteBuffer recordBatch() {
    return recordBatch.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.PRODUCE_BATCH;
  }

  @Override
  public void writeTo(WireWriter out) {
    writePrefixTo(out);
    out.raw(recordBatch);
  }

  /**
   * Writes every field before the batch's bytes, its length prefix included: this prefix followed
   * by {@link #recordBatch()} is the payload. Lets a client send the batch from its own buffer
   * instead of copying it into a payload first.
   *
   * @param out where the prefix goes
   */
  public void writePrefixTo(WireWriter out) {
    out.str(topic).i32(partition).u16(acks).i32(timeoutMs).u32(recordBatch.remaining());
  }

  /**
   * Decodes the payload; the batch is a view into it.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ProduceBatchRequest decode(WireReader in) throws ProtocolException {
    return new ProduceBatchRequest(in.str(), in.i32(), in.i16(), in.i32(), in.bytes());
  }
}
