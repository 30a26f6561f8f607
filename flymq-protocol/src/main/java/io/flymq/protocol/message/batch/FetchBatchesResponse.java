package io.flymq.protocol.message.batch;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * FETCH_BATCHES (0x0E) response, wire v2 only. Layout: docs/protocol.md#fetch_batches.
 *
 * <pre>
 *   partitions list&lt;topic str | partition i32 | error_code i16 | high_watermark i64
 *                   | log_start_offset i64 | records bytes&gt;
 * </pre>
 *
 * <p>{@code records} holds whole Kafka RecordBatch v2 batches exactly as stored (the broker may
 * send them from the file with zero copy); it is kept as an opaque read-only view.
 *
 * @param partitions one entry per requested partition, in request order
 */
public record FetchBatchesResponse(List<PartitionRecords> partitions) implements Message {
  /** Copies the list. @throws NullPointerException if it or an element is null */
  public FetchBatchesResponse {
    partitions = FieldChecks.copy(partitions, "partitions");
  }

  @Override
  public Opcode opcode() {
    return Opcode.FETCH_BATCHES;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(
        partitions,
        (p, w) ->
            w.str(p.topic())
                .i32(p.partition())
                .u16(p.errorCode().code())
                .i64(p.highWatermark())
                .i64(p.logStartOffset())
                .bytes(p.records()));
  }

  /**
   * Decodes the payload; record bytes are views into it.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static FetchBatchesResponse decode(WireReader in) throws ProtocolException {
    int count = in.count32(PartitionRecords.MIN_BYTES);
    return new FetchBatchesResponse(
        in.list(
            count,
            r ->
                new PartitionRecords(
                    r.str(), r.i32(), ErrorCode.fromCode(r.i16()), r.i64(), r.i64(), r.bytes())));
  }

  /**
   * One partition's result.
   *
   * @param topic the topic
   * @param partition the partition
   * @param errorCode {@link ErrorCode#NONE}, or e.g. NOT_LEADER, OFFSET_OUT_OF_RANGE
   * @param highWatermark the high watermark, -1 on error
   * @param logStartOffset the log start offset, -1 on error
   * @param records whole record batches (read-only view), empty on error
   */
  public record PartitionRecords(
      String topic,
      int partition,
      ErrorCode errorCode,
      long highWatermark,
      long logStartOffset,
      ByteBuffer records) {
    static final int MIN_BYTES = 28;

    /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
    public PartitionRecords {
      Objects.requireNonNull(topic, "topic");
      FieldChecks.nonNegative(partition, "partition");
      Objects.requireNonNull(errorCode, "errorCode");
      if (highWatermark < -1 || logStartOffset < -1) {
        throw new IllegalArgumentException(
            "highWatermark/logStartOffset: "
                + highWatermark
                + "/"
                + logStartOffset
                + " (expected: >= -1)");
      }
      records = ByteViews.readOnly(records, "records");
    }

    /** The record batch bytes. */
    @Override
    public ByteBuffer records() {
      return records.duplicate();
    }
  }
}
