package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;

/**
 * The producer's record buffer ({@code buffer.memory}) stayed full for longer than {@code
 * max.block.ms}, or is full and {@code buffer.full.policy} is {@code fail}. Retriable: the buffer
 * drains as batches are acknowledged.
 */
public class BufferExhaustedException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  /**
   * @param what how much was asked for and how long the producer waited
   */
  public BufferExhaustedException(String what) {
    super(
        ErrorCode.RESOURCE_LIMIT_EXCEEDED,
        what,
        "Send more slowly, raise buffer.memory or max.block.ms, or check that the broker is"
            + " acknowledging batches.",
        true,
        null);
  }
}
