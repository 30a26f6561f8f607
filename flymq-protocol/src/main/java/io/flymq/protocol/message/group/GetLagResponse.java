package io.flymq.protocol.message.group;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;

/**
 * GET_LAG (0x64) response, wire v1 and v2. Layout: WIRE-V1 13.5. The request is a {@link
 * GroupPartitionRequest}.
 *
 * <pre>
 *   current_offset u64 | committed_offset u64 (0 = none) | latest_offset u64 (log end) | lag u64
 * </pre>
 *
 * @param currentOffset the consumer's position (equals the committed offset)
 * @param committedOffset the committed offset, 0 when nothing was committed
 * @param latestOffset the log-end offset
 * @param lag {@code max(0, latestOffset - committedOffset)}
 */
public record GetLagResponse(long currentOffset, long committedOffset, long latestOffset, long lag)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is negative */
  public GetLagResponse {
    FieldChecks.nonNegative(currentOffset, "currentOffset");
    FieldChecks.nonNegative(committedOffset, "committedOffset");
    FieldChecks.nonNegative(latestOffset, "latestOffset");
    FieldChecks.nonNegative(lag, "lag");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GET_LAG;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.i64(currentOffset).i64(committedOffset).i64(latestOffset).i64(lag);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static GetLagResponse decode(WireReader in) throws ProtocolException {
    return new GetLagResponse(in.i64(), in.i64(), in.i64(), in.i64());
  }
}
