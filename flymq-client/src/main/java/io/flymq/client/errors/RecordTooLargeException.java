package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/** A record or batch is larger than the broker or the client accepts. */
public class RecordTooLargeException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code the broker's error code
   * @param what what happened
   */
  public RecordTooLargeException(ErrorCode code, String what) {
    super(code, what);
  }
}
