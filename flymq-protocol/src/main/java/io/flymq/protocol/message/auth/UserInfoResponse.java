package io.flymq.protocol.message.auth;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * USER_CREATE (0x73) and USER_GET (0x77) response, wire v1 and v2: one {@link UserInfo}. Layout:
 * WIRE-V1 14.4, 14.8.
 *
 * @param opcode USER_CREATE or USER_GET
 * @param user the user
 */
public record UserInfoResponse(Opcode opcode, UserInfo user) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public UserInfoResponse {
    FieldChecks.opcode(opcode, Opcode.USER_CREATE, Opcode.USER_GET);
    Objects.requireNonNull(user, "user");
  }

  @Override
  public void writeTo(WireWriter out) {
    UserInfo.writeTo(user, out);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static UserInfoResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new UserInfoResponse(opcode, UserInfo.decode(in));
  }
}
