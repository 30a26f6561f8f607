package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/**
 * No broker could be reached, or the connection to it was lost while a request was in flight.
 * Retriable: the client reconnects on the next request. A produce whose connection was lost may or
 * may not have been appended.
 */
public class BrokerUnavailableException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param what what failed, naming the address
   * @param hint what to do next
   * @param cause the I/O error, or null
   */
  public BrokerUnavailableException(String what, String hint, Throwable cause) {
    super(ErrorCode.BROKER_NOT_AVAILABLE, what, hint, true, cause);
  }
}
