package io.flymq.client.errors;

import io.flymq.protocol.error.ErrorCode;
import java.util.Objects;

/**
 * The root of every error the FlyMQ client reports: what happened, an {@link ErrorCode} shared with
 * the broker, the wire and the CLI, and a hint saying what to do next (DESIGN 10). {@link
 * #getMessage()} is {@code "<what happened> (<hint>)"}.
 *
 * <p>{@link #retriable()} tells whether the same operation may succeed if tried again; the client
 * already retried such failures up to its {@code retries} setting before reporting one. Subclasses
 * name the failures applications commonly handle; {@link #of(ErrorCode, String)} picks the one for
 * a broker's error code.
 */
public class FlyMQException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String hint;
  private final boolean retriable;

  /**
   * @param code the error code
   * @param what what happened, without the hint
   * @param hint what to do next
   * @param retriable whether trying again may succeed
   * @param cause the underlying cause, or null
   */
  public FlyMQException(
      ErrorCode code, String what, String hint, boolean retriable, Throwable cause) {
    super(what + " (" + hint + ")", cause);
    this.code = Objects.requireNonNull(code, "code");
    this.hint = Objects.requireNonNull(hint, "hint");
    this.retriable = retriable;
  }

  /** An error with the code's own hint and retriable flag. */
  public FlyMQException(ErrorCode code, String what) {
    this(code, what, code.hint(), code.retriable(), null);
  }

  /** The error code, as the broker and the CLI name it. */
  public ErrorCode code() {
    return code;
  }

  /** What to do next; never empty. */
  public String hint() {
    return hint;
  }

  /** Whether the same operation, tried again (after a metadata refresh), may succeed. */
  public boolean retriable() {
    return retriable;
  }

  /**
   * The exception for an error the broker reported.
   *
   * @param code the broker's error code
   * @param brokerText the broker's text; when it already ends with the hint in parentheses (ERROR
   *     frames do), the hint is not repeated
   * @return the most specific subclass for the code
   */
  public static FlyMQException of(ErrorCode code, String brokerText) {
    String what = withoutHint(brokerText, code.hint());
    switch (code) {
      case UNKNOWN_TOPIC_OR_PARTITION:
      case PARTITION_NOT_FOUND:
        return new TopicNotFoundException(code, what);
      case NOT_LEADER:
      case LEADER_NOT_AVAILABLE:
        return new NotLeaderException(code, what);
      case AUTHENTICATION_REQUIRED:
      case AUTHENTICATION_FAILED:
      case USER_DISABLED:
        return new AuthenticationFailedException(code, what);
      case NOT_AUTHORIZED:
      case ACL_REJECTED:
        return new AuthorizationDeniedException(code, what);
      case RECORD_TOO_LARGE:
      case FRAME_TOO_LARGE:
        return new RecordTooLargeException(code, what);
      case REQUEST_TIMED_OUT:
        return new TimeoutException(what, code.hint());
      case OFFSET_OUT_OF_RANGE:
        return new OffsetOutOfRangeException(what);
      case BROKER_NOT_AVAILABLE:
        return new BrokerUnavailableException(what, code.hint(), null);
      default:
        return new FlyMQException(code, what);
    }
  }

  private static String withoutHint(String text, String hint) {
    String suffix = " (" + hint + ")";
    return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
  }
}
