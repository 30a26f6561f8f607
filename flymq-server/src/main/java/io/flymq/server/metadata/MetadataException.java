package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

/**
 * A metadata request failed: either pure validation before proposing, or a state-dependent
 * rejection returned by the state machine, or the quorum not answering. Carries a {@link
 * MetadataErrorCode} (stable code, retriable flag, hint).
 */
public final class MetadataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final MetadataErrorCode errorCode;

  public MetadataException(MetadataErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  public MetadataException(MetadataErrorCode errorCode, String message, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.errorCode = requireNonNull(errorCode, "errorCode");
  }

  public MetadataErrorCode errorCode() {
    return errorCode;
  }

  public boolean retriable() {
    return errorCode.retriable();
  }

  public String hint() {
    return errorCode.hint();
  }

  /** The message followed by the hint, as logs and the CLI show it. */
  @Override
  public String toString() {
    return errorCode + ": " + getMessage() + " (" + errorCode.hint() + ")";
  }
}
