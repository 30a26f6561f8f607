package io.flymq.protocol.message.auth;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * USER_DELETE (0x74) and USER_GET (0x77) request, wire v1 and v2. Layout: WIRE-V1 14.5, 14.8:
 * {@code username str}. Answered with a {@link io.flymq.protocol.message.SuccessResponse}
 * (USER_DELETE) or a {@link UserInfoResponse} (USER_GET).
 *
 * @param opcode USER_DELETE or USER_GET
 * @param username the user
 */
public record UsernameRequest(Opcode opcode, String username) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public UsernameRequest {
    FieldChecks.opcode(opcode, Opcode.USER_DELETE, Opcode.USER_GET);
    Objects.requireNonNull(username, "username");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(username);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static UsernameRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new UsernameRequest(opcode, in.str());
  }
}
