package io.flymq.record.compress;

/**
 * A compressed stream is malformed, truncated, or decompresses past the caller's size limit. The
 * record layer turns it into a {@code CorruptRecordException}.
 */
public final class DecompressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DecompressionException(String message) {
    super(message);
  }

  public DecompressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
