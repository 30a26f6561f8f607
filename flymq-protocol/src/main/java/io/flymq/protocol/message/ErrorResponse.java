package io.flymq.protocol.message;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ERROR (0xFF), the answer to any failed request; wire v1 and v2 (in v2 it echoes the request's
 * correlation id). Layout: WIRE-V1 4.1, structured form:
 *
 * <pre>
 *   code    i32   an {@link ErrorCode} number (the reference always sends 1; SDKs ignore it)
 *   message str   reference text, then a space and the hint in parentheses; at most 65,535 bytes
 * </pre>
 *
 * <p>FlyMQ always <em>sends</em> the structured form with flags 0x01. The decoder also reads the
 * reference's legacy raw-text form (the whole payload is the text) the way the Go SDK does: when
 * the payload is too short for the structured form or its length does not fit, it is raw text, and
 * the code is {@link ErrorCode#UNCLASSIFIED}.
 *
 * @param code the numeric error code
 * @param message the error text
 */
public record ErrorResponse(int code, String message) implements Message {
  private static final int MAX_MESSAGE_BYTES = 0xFFFF;

  /** Validates the text. @throws IllegalArgumentException if it exceeds 65,535 UTF-8 bytes */
  public ErrorResponse {
    Objects.requireNonNull(message, "message");
    int bytes = message.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("message: " + bytes + " bytes (expected: <= 65535)");
    }
  }

  /**
   * The ERROR frame for a condition: the text begins with {@code referenceText} (what the SDKs
   * match on, WIRE-V1 16.6), followed by a space and the code's hint in parentheses. Texts too long
   * for the field are cut, never the reference text's start.
   *
   * @param code the classification
   * @param referenceText the reference text, e.g. {@code topic not found: orders}
   * @return the response
   */
  public static ErrorResponse of(ErrorCode code, String referenceText) {
    String text = Objects.requireNonNull(referenceText, "referenceText") + " (" + code.hint() + ")";
    return new ErrorResponse(code.code(), truncate(text));
  }

  /**
   * The ERROR frame for a decoding failure, with the exception's text and hint.
   *
   * @param exception the failure
   */
  public static ErrorResponse of(ProtocolException exception) {
    return of(exception.errorCode(), exception.getMessage());
  }

  /** The classification of {@link #code()}; unknown numbers map to UNCLASSIFIED. */
  public ErrorCode errorCode() {
    return ErrorCode.fromCode(code);
  }

  @Override
  public Opcode opcode() {
    return Opcode.ERROR;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.i32(code).str(message);
  }

  /**
   * Decodes either form.
   *
   * @param in the payload
   * @throws ProtocolException never in practice: every payload is a valid raw text
   */
  public static ErrorResponse decode(WireReader in) throws ProtocolException {
    int start = in.position();
    int total = in.remaining();
    if (total >= 6) {
      int code = in.i32();
      int length = in.u16();
      if (length <= total - 6) {
        return new ErrorResponse(code, new String(bytes(in, length), StandardCharsets.UTF_8));
      }
      in.reset(start);
    }
    return new ErrorResponse(
        ErrorCode.UNCLASSIFIED.code(),
        truncate(new String(bytes(in, in.remaining()), StandardCharsets.UTF_8)));
  }

  private static byte[] bytes(WireReader in, int length) throws ProtocolException {
    byte[] copy = new byte[length];
    in.view(length).get(copy);
    return copy;
  }

  private static String truncate(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_MESSAGE_BYTES) {
      return text;
    }
    // Cut on a character boundary: drop trailing continuation bytes (10xxxxxx) of a split
    // character.
    int end = MAX_MESSAGE_BYTES;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }
}
