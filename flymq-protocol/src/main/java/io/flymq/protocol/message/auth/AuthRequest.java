package io.flymq.protocol.message.auth;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * AUTH (0x70) request, wire v1 and v2. Layout: WIRE-V1 14.1. Answered with opcode AUTH_RESPONSE
 * (0x71): a {@link JavaIdentityResponse} (also the role-less form) or a {@link
 * ReferenceIdentityResponse}.
 *
 * <pre>
 *   username str | password str (clear text: use TLS)
 * </pre>
 *
 * <p>{@link #toString()} masks the password so it never reaches a log.
 *
 * @param username the user name
 * @param password the password
 */
public record AuthRequest(String username, String password) implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public AuthRequest {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUTH;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(username).str(password);
  }

  @Override
  public String toString() {
    return "AuthRequest[username=" + username + ", password=***]";
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AuthRequest decode(WireReader in) throws ProtocolException {
    return new AuthRequest(in.str(), in.str());
  }
}
