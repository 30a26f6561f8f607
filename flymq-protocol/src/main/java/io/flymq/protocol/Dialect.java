package io.flymq.protocol;

/**
 * The party whose layout a v1 payload follows, where the public SDKs and the reference server
 * disagree (WIRE-V1 1, 18, 19).
 *
 * <p>Requests never need it: every request variant is recognisable from its bytes (WIRE-V1 18 A)
 * and {@link MessageCodec#decodeRequest} tells them apart. Responses do where one opcode has
 * several layouts that the bytes cannot tell apart; {@link MessageCodec#decodeResponse} then
 * decodes the layout the named party reads:
 *
 * <table>
 *   <caption>Response layouts by dialect</caption>
 *   <tr><th>opcode</th><th>REFERENCE</th><th>JAVA</th><th>PYTHON</th></tr>
 *   <tr><td>AUTH_RESPONSE</td><td>reference</td><td>Java (also the role-less form)</td><td>reference</td></tr>
 *   <tr><td>WHOAMI</td><td>reference</td><td>Java (also the role-less form)</td><td>Java</td></tr>
 *   <tr><td>LIST_GROUPS, DESCRIBE_GROUP</td><td>reference</td><td>Java</td><td>reference</td></tr>
 *   <tr><td>GET_SCHEMA</td><td>reference</td><td>Python (Java never calls it)</td><td>Python</td></tr>
 * </table>
 *
 * <p>The Go SDK reads the reference layouts everywhere. Which layout a broker <em>sends</em> is
 * chosen by {@link DialectMode}.
 */
public enum Dialect {
  /** The reference server (public Go broker 1.26.x) and the Go SDK. */
  REFERENCE,
  /** The public Java SDK ({@code flymq-client-core} 1.26.x). */
  JAVA,
  /** The public Python SDK ({@code pyflymq} 1.26.x). */
  PYTHON
}
