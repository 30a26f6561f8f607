package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/**
 * An operation did not complete in time: the client's request timeout passed without an answer, or
 * the broker reported {@link ErrorCode#REQUEST_TIMED_OUT}. Retriable; the outcome of a timed-out
 * produce is unknown (it may have been appended).
 */
public class TimeoutException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param what what timed out, with the limit
   * @param hint what to do next
   */
  public TimeoutException(String what, String hint) {
    super(ErrorCode.REQUEST_TIMED_OUT, what, hint, true, null);
  }
}
