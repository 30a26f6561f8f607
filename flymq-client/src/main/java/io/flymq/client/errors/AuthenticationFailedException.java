package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/** The broker did not accept the credentials, or requires some. */
public class AuthenticationFailedException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code the broker's error code
   * @param what what happened
   */
  public AuthenticationFailedException(ErrorCode code, String what) {
    super(code, what);
  }
}
