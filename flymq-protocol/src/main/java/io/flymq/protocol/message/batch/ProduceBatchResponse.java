package io.flymq.protocol.message.batch;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * PRODUCE_BATCH (0x0D) response, wire v2 only. Layout: docs/protocol.md#produce_batch.
 *
 * <pre>
 *   topic str | partition i32 | error_code i16 | base_offset i64 | log_append_time i64 | log_start_offset i64
 * </pre>
 *
 * <p>Partition-level failures (NOT_LEADER, INVALID_RECORD_BATCH, ...) travel in {@code error_code}
 * with -1 offsets; request-level failures (malformed, unauthorized) are ERROR frames.
 *
 * @param topic the topic
 * @param partition the partition
 * @param errorCode {@link ErrorCode#NONE} on success
 * @param baseOffset the offset of the batch's first record, -1 on error or with acks = 0
 * @param logAppendTime the broker's append time (ms), -1 when the batch's create time is kept
 * @param logStartOffset the partition's log start offset, -1 when unknown
 */
public record ProduceBatchResponse(
    String topic,
    int partition,
    ErrorCode errorCode,
    long baseOffset,
    long logAppendTime,
    long logStartOffset)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public ProduceBatchResponse {
    Objects.requireNonNull(topic, "topic");
    FieldChecks.nonNegative(partition, "partition");
    Objects.requireNonNull(errorCode, "errorCode");
    if (baseOffset < -1 || logStartOffset < -1) {
      throw new IllegalArgumentException(
          "baseOffset/logStartOffset: " + baseOffset + "/" + logStartOffset + " (expected: >= -1)");
    }
  }

  @Override
  public Opcode opcode() {
    return Opcode.PRODUCE_BATCH;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic)
        .i32(partition)
        .u16(errorCode.code())
        .i64(baseOffset)
        .i64(logAppendTime)
        .i64(logStartOffset);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ProduceBatchResponse decode(WireReader in) throws ProtocolException {
    return new ProduceBatchResponse(
        in.str(), in.i32(), ErrorCode.fromCode(in.i16()), in.i64(), in.i64(), in.i64());
  }
}
