package io.flymq.protocol.message.auth;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * The user request layout: USER_CREATE (0x73), USER_UPDATE (0x75) and PASSWORD_CHANGE (0x7C)
 * request, wire v1 and v2. Layout: WIRE-V1 14.4.
 *
 * <pre>
 *   username str | password str | old_password str | roles list&lt;str&gt; | enabled bool (trailing, optional: default false)
 * </pre>
 *
 * <p>For PASSWORD_CHANGE {@code password} is the new password. The encoder always writes {@code
 * enabled}. {@link #toString()} masks both passwords.
 *
 * @param opcode USER_CREATE, USER_UPDATE or PASSWORD_CHANGE
 * @param username the user
 * @param password the (new) password
 * @param oldPassword the current password (PASSWORD_CHANGE of one's own account)
 * @param roles the roles (replace the user's roles on USER_UPDATE)
 * @param enabled whether the account is enabled (USER_UPDATE)
 */
public record UserRequest(
    Opcode opcode,
    String username,
    String password,
    String oldPassword,
    List<String> roles,
    boolean enabled)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public UserRequest {
    FieldChecks.opcode(opcode, Opcode.USER_CREATE, Opcode.USER_UPDATE, Opcode.PASSWORD_CHANGE);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(oldPassword, "oldPassword");
    roles = FieldChecks.copy(roles, "roles");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(username).str(password).str(oldPassword).strList(roles).bool(enabled);
  }

  @Override
  public String toString() {
    return "UserRequest[opcode="
        + opcode
        + ", username="
        + username
        + ", password=***, oldPassword=***, roles="
        + roles
        + ", enabled="
        + enabled
        + "]";
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static UserRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    String username = in.str();
    String password = in.str();
    String oldPassword = in.str();
    List<String> roles = in.strList();
    boolean enabled = in.remaining() > 0 && in.bool();
    return new UserRequest(opcode, username, password, oldPassword, roles, enabled);
  }
}
