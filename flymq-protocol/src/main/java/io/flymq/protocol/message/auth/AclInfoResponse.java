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
 * ACL_GET (0x79) response, the ACL-info layout, wire v1 and v2. Layout: WIRE-V1 14.10. The request
 * is a {@link io.flymq.protocol.message.TopicRequest}.
 *
 * <pre>
 *   topic str | exists bool | public bool | default_public bool | allowed_users list&lt;str&gt; | allowed_roles list&lt;str&gt;
 * </pre>
 *
 * @param topic the topic
 * @param exists whether an ACL is stored for the topic
 * @param isPublic the wire field {@code public}
 * @param defaultPublic the server-wide default (filled when no ACL exists)
 * @param allowedUsers allowed users
 * @param allowedRoles allowed roles
 */
public record AclInfoResponse(
    String topic,
    boolean exists,
    boolean isPublic,
    boolean defaultPublic,
    List<String> allowedUsers,
    List<String> allowedRoles)
    implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public AclInfoResponse {
    Objects.requireNonNull(topic, "topic");
    allowedUsers = FieldChecks.copy(allowedUsers, "allowedUsers");
    allowedRoles = FieldChecks.copy(allowedRoles, "allowedRoles");
  }

  @Override
  public Opcode opcode() {
    return Opcode.ACL_GET;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic)
        .bool(exists)
        .bool(isPublic)
        .bool(defaultPublic)
        .strList(allowedUsers)
        .strList(allowedRoles);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AclInfoResponse decode(WireReader in) throws ProtocolException {
    return new AclInfoResponse(
        in.str(), in.bool(), in.bool(), in.bool(), in.strList(), in.strList());
  }
}
