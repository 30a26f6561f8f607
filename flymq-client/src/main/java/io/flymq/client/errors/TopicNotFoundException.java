package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/** The topic or partition does not exist on the broker. */
public class TopicNotFoundException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code the broker's error code
   * @param what what happened
   */
  public TopicNotFoundException(ErrorCode code, String what) {
    super(code, what);
  }
}
