package io.flymq.client.consumer;

import io.flymq.client.errors.FlyMQException;
import io.flymq.protocol.error.ErrorCode;

/** Thrown by {@link Consumer#poll} after {@link Consumer#wakeup()}: a way to stop a poll loop. */
public class WakeupException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /** The exception for a woken poll. */
  public WakeupException() {
    super(
        ErrorCode.UNCLASSIFIED,
        "poll interrupted by wakeup()",
        "Expected when another thread stops the consumer; close it next.",
        false,
        null);
  }
}
