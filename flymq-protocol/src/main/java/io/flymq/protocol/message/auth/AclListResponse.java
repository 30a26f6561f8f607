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
 * ACL_LIST (0x7B) response, wire v1 and v2. Layout: WIRE-V1 14.12.
 *
 * <pre>
 *   acls list&lt;entry&gt; | default_public bool (trailing: default false when missing)
 *   entry = topic str | exists bool | public bool | allowed_users list&lt;str&gt; | allowed_roles list&lt;str&gt;
 * </pre>
 *
 * @param acls the stored ACLs
 * @param defaultPublic the server-wide default
 */
public record AclListResponse(List<AclEntry> acls, boolean defaultPublic) implements Message {
  /** Copies the list. @throws NullPointerException if it or an element is null */
  public AclListResponse {
    acls = FieldChecks.copy(acls, "acls");
  }

  @Override
  public Opcode opcode() {
    return Opcode.ACL_LIST;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(
        acls,
        (a, w) ->
            w.str(a.topic())
                .bool(a.exists())
                .bool(a.isPublic())
                .strList(a.allowedUsers())
                .strList(a.allowedRoles()));
    out.bool(defaultPublic);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AclListResponse decode(WireReader in) throws ProtocolException {
    int count = in.count32(AclEntry.MIN_BYTES);
    List<AclEntry> acls =
        in.list(count, r -> new AclEntry(r.str(), r.bool(), r.bool(), r.strList(), r.strList()));
    return new AclListResponse(acls, in.remaining() > 0 && in.bool());
  }

  /**
   * One topic's ACL.
   *
   * @param topic the topic
   * @param exists always true in a listing
   * @param isPublic the wire field {@code public}
   * @param allowedUsers allowed users
   * @param allowedRoles allowed roles
   */
  public record AclEntry(
      String topic,
      boolean exists,
      boolean isPublic,
      List<String> allowedUsers,
      List<String> allowedRoles) {
    static final int MIN_BYTES = 12;

    /** Validates the fields. @throws NullPointerException if a field is null */
    public AclEntry {
      Objects.requireNonNull(topic, "topic");
      allowedUsers = FieldChecks.copy(allowedUsers, "allowedUsers");
      allowedRoles = FieldChecks.copy(allowedRoles, "allowedRoles");
    }
  }
}
