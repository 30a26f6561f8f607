package io.flymq.protocol.error;

import java.util.Objects;

/**
 * Input that violates the wire format: a bad frame header, or a payload that does not match its
 * opcode's layout. It is the only exception the frame and message decoders throw for bad input.
 *
 * <p>It is a <em>checked</em> exception on purpose: malformed input from the network is an expected
 * event that every caller (the broker's decoder, the SDK's response reader) must decide about, and
 * the compiler makes sure it does. Caller mistakes (building a record with invalid values) are
 * {@link IllegalArgumentException}s instead (STYLE 5).
 *
 * <p>{@link #getMessage()} begins with the v1 reference text for the condition (WIRE-V1 4.2, for
 * example {@code buffer too small}), so the broker can send it verbatim in an ERROR frame. {@link
 * #closesConnection()} tells whether the condition requires closing the connection without a reply
 * (bad magic, unknown version, oversized length: WIRE-V1 3.2, 3.4) rather than answering with an
 * ERROR frame.
 *
 * <p>Instances are immutable once thrown.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;
  private final boolean closesConnection;

  /**
   * A payload-level error: answered with an ERROR frame, the connection stays open.
   *
   * @param errorCode the classification
   * @param message the text, beginning with the reference text of the condition
   */
  public ProtocolException(ErrorCode errorCode, String message) {
    this(errorCode, message, false);
  }

  /**
   * An error with explicit connection handling.
   *
   * @param errorCode the classification
   * @param message the text, beginning with the reference text of the condition
   * @param closesConnection whether the peer must be disconnected without a reply
   */
  public ProtocolException(ErrorCode errorCode, String message, boolean closesConnection) {
    super(Objects.requireNonNull(message, "message"));
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.closesConnection = closesConnection;
  }

  /** The classification, with its stable code, retriable flag and hint. */
  public ErrorCode errorCode() {
    return errorCode;
  }

  /** What to do next: the {@link ErrorCode#hint() hint} of the error code. */
  public String hint() {
    return errorCode.hint();
  }

  /** Whether the connection must be closed without replying (a header-level error). */
  public boolean closesConnection() {
    return closesConnection;
  }
}
