package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * GROUP_COMMIT (0x19) response: one result per requested partition, in request order. Layout:
 * docs/protocol.md#group_commit.
 *
 * <pre>
 *   results list&lt;topic str | partition i32 | error_code i16&gt;
 * </pre>
 *
 * @param results NONE, UNKNOWN_MEMBER (fenced), PARTITION_NOT_ASSIGNED, STALE_GENERATION, ...
 */
public record GroupCommitResponse(List<Result> results) implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public GroupCommitResponse {
    results = FieldChecks.copy(results, "results");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_COMMIT;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(results, (r, w) -> w.str(r.topic()).i32(r.partition()).u16(r.errorCode().code()));
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static GroupCommitResponse decode(WireReader in) throws ProtocolException {
    return new GroupCommitResponse(
        in.list(
            in.count32(Result.MIN_BYTES),
            r -> new Result(r.str(), r.i32(), ErrorCode.fromCode(r.i16()))));
  }

  /**
   * The outcome for one partition.
   *
   * @param topic the topic
   * @param partition the partition
   * @param errorCode NONE when committed
   */
  public record Result(String topic, int partition, ErrorCode errorCode) {
    static final int MIN_BYTES = 8;

    /** Validates the fields. @throws NullPointerException for null fields */
    public Result {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(errorCode, "errorCode");
    }
  }
}
