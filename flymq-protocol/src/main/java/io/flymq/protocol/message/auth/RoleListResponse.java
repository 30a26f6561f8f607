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
 * ROLE_LIST (0x7D) response, wire v1 and v2. Layout: WIRE-V1 14.14.
 *
 * <pre>
 *   roles list&lt;role&gt;;  role = name str | permissions list&lt;str&gt; | description str
 * </pre>
 *
 * @param roles the roles, sorted by name
 */
public record RoleListResponse(List<RoleInfo> roles) implements Message {
  /** Copies the list. @throws NullPointerException if it or an element is null */
  public RoleListResponse {
    roles = FieldChecks.copy(roles, "roles");
  }

  @Override
  public Opcode opcode() {
    return Opcode.ROLE_LIST;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(roles, (r, w) -> w.str(r.name()).strList(r.permissions()).str(r.description()));
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static RoleListResponse decode(WireReader in) throws ProtocolException {
    int count = in.count32(RoleInfo.MIN_BYTES);
    return new RoleListResponse(in.list(count, r -> new RoleInfo(r.str(), r.strList(), r.str())));
  }

  /**
   * One role.
   *
   * @param name the role name
   * @param permissions read, write and/or admin
   * @param description what the role is for
   */
  public record RoleInfo(String name, List<String> permissions, String description) {
    static final int MIN_BYTES = 8;

    /** Validates the fields. @throws NullPointerException if a field is null */
    public RoleInfo {
      Objects.requireNonNull(name, "name");
      permissions = FieldChecks.copy(permissions, "permissions");
      Objects.requireNonNull(description, "description");
    }
  }
}
