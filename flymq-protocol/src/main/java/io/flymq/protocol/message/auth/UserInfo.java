package io.flymq.protocol.message.auth;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * The user-info layout, the body of USER_CREATE (0x73) and USER_GET (0x77) responses and the
 * element of USER_LIST (0x76); wire v1 and v2. Layout: WIRE-V1 14.4.
 *
 * <pre>
 *   username str | roles list&lt;str&gt; | permissions list&lt;str&gt; | enabled bool | created_at i64 (s) | updated_at i64 (s)
 * </pre>
 *
 * @param username the user
 * @param roles the user's roles
 * @param permissions the union of the roles' permissions (read, write, admin order)
 * @param enabled whether the account is enabled
 * @param createdAt creation time, Unix <em>seconds</em>
 * @param updatedAt last update, Unix seconds
 */
public record UserInfo(
    String username,
    List<String> roles,
    List<String> permissions,
    boolean enabled,
    long createdAt,
    long updatedAt) {
  static final int MIN_BYTES = 27;

  /** Validates the fields. @throws NullPointerException if a field is null */
  public UserInfo {
    Objects.requireNonNull(username, "username");
    roles = FieldChecks.copy(roles, "roles");
    permissions = FieldChecks.copy(permissions, "permissions");
  }

  static void writeTo(UserInfo user, WireWriter out) {
    out.str(user.username)
        .strList(user.roles)
        .strList(user.permissions)
        .bool(user.enabled)
        .i64(user.createdAt)
        .i64(user.updatedAt);
  }

  static UserInfo decode(WireReader in) throws ProtocolException {
    return new UserInfo(in.str(), in.strList(), in.strList(), in.bool(), in.i64(), in.i64());
  }
}
