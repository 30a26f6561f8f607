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
 * AUTH_RESPONSE (0x71) and WHOAMI (0x72) response in the <em>Java layout</em> (Java {@code
 * authenticate}/{@code whoAmI}, Python {@code whoami}; {@link io.flymq.protocol.Dialect#JAVA});
 * wire v1 and v2. Layout: WIRE-V1 14.2, 14.3.
 *
 * <pre>
 *   success bool | username str | roles list&lt;str&gt; (two-byte lengths) | permissions list&lt;str&gt;
 * </pre>
 *
 * <p>With an empty role list (and fewer than 65,536 permissions) it is the <em>role-less form</em>
 * that every SDK decodes ({@link #roleless}); FlyMQ's default answer (WIRE-V1 18 B).
 *
 * @param opcode AUTH_RESPONSE or WHOAMI
 * @param success whether authenticated
 * @param username the identity, empty on failure
 * @param roles role names
 * @param permissions the union of the roles' permissions
 */
public record JavaIdentityResponse(
    Opcode opcode, boolean success, String username, List<String> roles, List<String> permissions)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public JavaIdentityResponse {
    FieldChecks.opcode(opcode, Opcode.AUTH_RESPONSE, Opcode.WHOAMI);
    Objects.requireNonNull(username, "username");
    roles = FieldChecks.copy(roles, "roles");
    permissions = FieldChecks.copy(permissions, "permissions");
  }

  /**
   * The role-less form every SDK decodes.
   *
   * @param opcode AUTH_RESPONSE or WHOAMI
   * @param success whether authenticated
   * @param username the identity, empty on failure
   * @param permissions the permissions (WHOAMI) or empty (AUTH_RESPONSE)
   */
  public static JavaIdentityResponse roleless(
      Opcode opcode, boolean success, String username, List<String> permissions) {
    return new JavaIdentityResponse(opcode, success, username, List.of(), permissions);
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bool(success).str(username).strList(roles).strList(permissions);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static JavaIdentityResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new JavaIdentityResponse(opcode, in.bool(), in.str(), in.strList(), in.strList());
  }
}
