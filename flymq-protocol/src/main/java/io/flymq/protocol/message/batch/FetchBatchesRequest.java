package io.flymq.protocol.message.batch;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * FETCH_BATCHES (0x0E) request, wire v2 only. Layout: docs/protocol.md#fetch_batches.
 *
 * <pre>
 *   max_wait_ms i32 | min_bytes i32 | max_bytes i32 | isolation_level i8 (0 uncommitted, 1 committed)
 *   | partitions list&lt;topic str | partition i32 | fetch_offset i64 | partition_max_bytes i32&gt;
 * </pre>
 *
 * <p>The broker answers when {@code min_bytes} are available or {@code max_wait_ms} has passed
 * (long polling), with at most {@code max_bytes} in total and {@code partition_max_bytes} per
 * partition (but at least one whole batch, so a large batch can always be fetched).
 *
 * @param maxWaitMs the longest wait for {@code minBytes}, {@code >= 0}
 * @param minBytes bytes to wait for, {@code >= 0}
 * @param maxBytes total response limit, {@code >= 0}
 * @param isolationLevel which records are visible
 * @param partitions what to fetch, at least one, each partition at most once
 */
public record FetchBatchesRequest(
    int maxWaitMs,
    int minBytes,
    int maxBytes,
    IsolationLevel isolationLevel,
    List<FetchPartition> partitions)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public FetchBatchesRequest {
    FieldChecks.nonNegative(maxWaitMs, "maxWaitMs");
    FieldChecks.nonNegative(minBytes, "minBytes");
    FieldChecks.nonNegative(maxBytes, "maxBytes");
    Objects.requireNonNull(isolationLevel, "isolationLevel");
    partitions = FieldChecks.copy(partitions, "partitions");
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("partitions: [] (expected: at least one)");
    }
  }

  @Override
  public Opcode opcode() {
    return Opcode.FETCH_BATCHES;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.i32(maxWaitMs).i32(minBytes).i32(maxBytes).u8(isolationLevel.id());
    out.list(
        partitions,
        (p, w) ->
            w.str(p.topic()).i32(p.partition()).i64(p.fetchOffset()).i32(p.partitionMaxBytes()));
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated or the isolation level unknown
   */
  public static FetchBatchesRequest decode(WireReader in) throws ProtocolException {
    int maxWaitMs = in.i32();
    int minBytes = in.i32();
    int maxBytes = in.i32();
    IsolationLevel level = IsolationLevel.fromId(in.u8());
    int count = in.count32(FetchPartition.MIN_BYTES);
    List<FetchPartition> partitions =
        in.list(count, r -> new FetchPartition(r.str(), r.i32(), r.i64(), r.i32()));
    return new FetchBatchesRequest(maxWaitMs, minBytes, maxBytes, level, partitions);
  }

  /**
   * One partition to fetch.
   *
   * @param topic the topic
   * @param partition the partition, {@code >= 0}
   * @param fetchOffset the first offset wanted, {@code >= 0}
   * @param partitionMaxBytes the limit for this partition, {@code >= 0}
   */
  public record FetchPartition(
      String topic, int partition, long fetchOffset, int partitionMaxBytes) {
    static final int MIN_BYTES = 18;

    /** Validates the fields. @throws IllegalArgumentException if a field is negative */
    public FetchPartition {
      Objects.requireNonNull(topic, "topic");
      FieldChecks.nonNegative(partition, "partition");
      FieldChecks.nonNegative(fetchOffset, "fetchOffset");
      FieldChecks.nonNegative(partitionMaxBytes, "partitionMaxBytes");
    }
  }
}
