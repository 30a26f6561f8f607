package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/** An operation was started on, or was still pending in, a client that has been closed. */
public class ClientClosedException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param what which client, and what was refused or abandoned
   */
  public ClientClosedException(String what) {
    super(
        ErrorCode.UNCLASSIFIED,
        what,
        "Create a new client; a closed client, producer or consumer cannot be reused.",
        false,
        null);
  }
}
