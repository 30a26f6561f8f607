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
 * ACL_SET (0x78) request, wire v1 and v2. Layout: WIRE-V1 14.9. Answered with an {@link
 * AclResponse}.
 *
 * <pre>
 *   topic str | public bool | allowed_users list&lt;str&gt; | allowed_roles list&lt;str&gt;
 * </pre>
 *
 * @param topic the topic
 * @param isPublic the wire field {@code public}: everybody may read and write
 * @param allowedUsers users allowed on a non-public topic
 * @param allowedRoles roles allowed on a non-public topic
 */
public record AclSetRequest(
    String topic, boolean isPublic, List<String> allowedUsers, List<String> allowedRoles)
    implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public AclSetRequest {
    Objects.requireNonNull(topic, "topic");
    allowedUsers = FieldChecks.copy(allowedUsers, "allowedUsers");
    allowedRoles = FieldChecks.copy(allowedRoles, "allowedRoles");
  }

  @Override
  public Opcode opcode() {
    return Opcode.ACL_SET;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).bool(isPublic).strList(allowedUsers).strList(allowedRoles);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AclSetRequest decode(WireReader in) throws ProtocolException {
    return new AclSetRequest(in.str(), in.bool(), in.strList(), in.strList());
  }
}
