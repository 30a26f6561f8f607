package io.flymq.protocol;

import io.flymq.protocol.message.auth.JavaIdentityResponse;
import io.flymq.protocol.message.auth.ReferenceIdentityResponse;
import java.util.List;
import java.util.Locale;

/**
 * The broker setting {@code protocol.v1_dialect}: which layout to <em>send</em> where the request
 * does not tell the SDK apart (WIRE-V1 18 B and C). Rules 18 A (request variants recognised from
 * their bytes) apply in every mode; see {@link MessageCodec#decodeRequest}.
 *
 * <table>
 *   <caption>Responses by mode</caption>
 *   <tr><th>response</th><th>AUTO (default)</th><th>REFERENCE</th><th>JAVA</th></tr>
 *   <tr><td>AUTH_RESPONSE, WHOAMI</td><td>role-less form (every SDK)</td><td>reference layout</td><td>Java layout with roles</td></tr>
 *   <tr><td>LIST_GROUPS</td><td>reference layout</td><td>reference layout</td><td>Java layout</td></tr>
 *   <tr><td>GET_SCHEMA</td><td>Python layout</td><td>reference layout</td><td>Python layout</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum DialectMode {
  /** Serve all three SDKs at once (WIRE-V1 18). */
  AUTO,
  /** What a Go-SDK-only deployment saw from the reference server. */
  REFERENCE,
  /** Full Java layouts, for Java-only deployments that want role lists. */
  JAVA;

  /**
   * The mode named by a configuration value.
   *
   * @param value {@code auto}, {@code reference} or {@code java}, any case
   * @throws IllegalArgumentException for other values
   */
  public static DialectMode fromConfig(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "auto":
        return AUTO;
      case "reference":
        return REFERENCE;
      case "java":
        return JAVA;
      default:
        throw new IllegalArgumentException(
            "protocol.v1_dialect: " + value + " (expected: auto, reference or java)");
    }
  }

  /**
   * The AUTH_RESPONSE or WHOAMI payload this mode sends.
   *
   * @param opcode AUTH_RESPONSE or WHOAMI
   * @param success whether the connection is authenticated
   * @param username the identity, empty when not authenticated
   * @param roles the user's roles
   * @param permissions the user's permissions
   * @param error the failure text (reference layout only), empty on success
   * @return a {@link JavaIdentityResponse} or a {@link ReferenceIdentityResponse}
   * @throws IllegalArgumentException for another opcode
   */
  public Message identityResponse(
      Opcode opcode,
      boolean success,
      String username,
      List<String> roles,
      List<String> permissions,
      String error) {
    switch (this) {
      case REFERENCE:
        return new ReferenceIdentityResponse(opcode, success, username, roles, error);
      case JAVA:
        return new JavaIdentityResponse(opcode, success, username, roles, permissions);
      default:
        return JavaIdentityResponse.roleless(opcode, success, username, permissions);
    }
  }

  /**
   * The LIST_GROUPS response layout: {@link Dialect#JAVA} in mode JAVA, {@link Dialect#REFERENCE}
   * otherwise.
   */
  public Dialect listGroupsLayout() {
    return this == JAVA ? Dialect.JAVA : Dialect.REFERENCE;
  }

  /**
   * The GET_SCHEMA response layout: {@link Dialect#REFERENCE} in mode REFERENCE, {@link
   * Dialect#PYTHON} otherwise.
   */
  public Dialect getSchemaLayout() {
    return this == REFERENCE ? Dialect.REFERENCE : Dialect.PYTHON;
  }
}
