package io.flymq.protocol.message.dlq;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * REPLAY_DLQ (0x21) response to form B, wire v1 and v2. Layout: WIRE-V1 9.2: {@code success bool |
 * message str32} (a <em>u32</em> length, as Python reads it).
 *
 * <p>FlyMQ always sends an empty message, exactly five bytes ({@link #of(boolean)}): every SDK
 * decoder (u16 or u32 length) reads that as "no message".
 *
 * @param success whether the entry was re-injected
 * @param message the message; empty when FlyMQ sends it
 */
public record ReinjectDlqResponse(boolean success, String message) implements Message {
  /** Validates the fields. @throws NullPointerException if message is null */
  public ReinjectDlqResponse {
    Objects.requireNonNull(message, "message");
  }

  /**
   * The five-byte response every SDK decodes.
   *
   * @param success whether the entry was re-injected
   */
  public static ReinjectDlqResponse of(boolean success) {
    return new ReinjectDlqResponse(success, "");
  }

  @Override
  public Opcode opcode() {
    return Opcode.REPLAY_DLQ;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bool(success).str32(message);
  }

  /**
   * Decodes a REPLAY_DLQ response of either form: the form B layout when its u32 length consumes
   * the payload exactly, otherwise the success layout of form A.
   *
   * @param in the payload
   * @return a {@link ReinjectDlqResponse} or a {@link io.flymq.protocol.message.SuccessResponse}
   * @throws ProtocolException if the payload is neither form
   */
  public static Message decode(WireReader in) throws ProtocolException {
    boolean success = in.bool();
    int afterSuccess = in.position();
    if (in.remaining() >= 4 && in.u32() == in.remaining()) {
      in.reset(afterSuccess);
      return new ReinjectDlqResponse(success, in.str32());
    }
    in.reset(afterSuccess);
    return new io.flymq.protocol.message.SuccessResponse(Opcode.REPLAY_DLQ, success, in.str());
  }
}
