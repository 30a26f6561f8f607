package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/**
 * The broker is not the partition's leader (retriable: the client refreshes metadata and retries).
 */
public class NotLeaderException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code the broker's error code
   * @param what what happened
   */
  public NotLeaderException(ErrorCode code, String what) {
    super(code, what);
  }
}
