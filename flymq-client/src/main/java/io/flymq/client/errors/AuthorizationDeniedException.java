package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/** The user may not perform the operation. */
public class AuthorizationDeniedException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code the broker's error code
   * @param what what happened
   */
  public AuthorizationDeniedException(ErrorCode code, String what) {
    super(code, what);
  }
}
