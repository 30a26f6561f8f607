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
 * AUTH_RESPONSE (0x71) and WHOAMI (0x72) response in the <em>reference layout</em> (Go server, Go
 * SDK, Python {@code authenticate}; {@link io.flymq.protocol.Dialect#REFERENCE}); wire v1 and v2.
 * Layout: WIRE-V1 14.2, 14.3.
 *
 * <pre>
 *   success bool | username str | roles u32 count x str8 (one-byte lengths!) | error str
 * </pre>
 *
 * <p>The Java SDK cannot read it (WIRE-V1 19.1 #2); a broker sends it only in dialect mode {@code
 * reference}.
 *
 * @param opcode AUTH_RESPONSE or WHOAMI
 * @param success whether authenticated
 * @param username the identity, empty on failure
 * @param roles role names of at most 255 bytes
 * @param error the failure text, empty on success
 */
public record ReferenceIdentityResponse(
    Opcode opcode, boolean success, String username, List<String> roles, String error)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public ReferenceIdentityResponse {
    FieldChecks.opcode(opcode, Opcode.AUTH_RESPONSE, Opcode.WHOAMI);
    Objects.requireNonNull(username, "username");
    roles = FieldChecks.copy(roles, "roles");
    Objects.requireNonNull(error, "error");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bool(success).str(username).u32(roles.size());
    roles.forEach(out::str8);
    out.str(error);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ReferenceIdentityResponse decode(Opcode opcode, WireReader in)
      throws ProtocolException {
    boolean success = in.bool();
    String username = in.str();
    int count = in.count32(1);
    List<String> roles = in.list(count, WireReader::str8);
    return new ReferenceIdentityResponse(opcode, success, username, roles, in.str());
  }
}
