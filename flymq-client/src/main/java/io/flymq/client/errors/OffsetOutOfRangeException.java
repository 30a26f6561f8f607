package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/**
 * A fetch or seek named an offset outside the partition's log (before its start, after its end).
 * The consumer handles it by its {@code auto.offset.reset} policy; with policy {@code none} it is
 * thrown from {@code poll}.
 */
public class OffsetOutOfRangeException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param what the partition, the offset and the log's range
   */
  public OffsetOutOfRangeException(String what) {
    super(ErrorCode.OFFSET_OUT_OF_RANGE, what);
  }
}
