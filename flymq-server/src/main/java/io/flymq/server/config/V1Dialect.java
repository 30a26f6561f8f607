package io.flymq.server.config;

/**
 * Which SDK dialect v1 responses follow where the dialects disagree ({@code protocol.v1_dialect};
 * shared/protocol/WIRE-V1.md section 18).
 *
 * <ul>
 *   <li>{@link #AUTO}: tell the dialect from the request where it can, and otherwise send the
 *       encoding that most SDKs read. The default.
 *   <li>{@link #REFERENCE}: the reference server's layouts everywhere (Go and Python SDKs,
 *       flymq-cli).
 *   <li>{@link #JAVA}: the Java SDK's full layouts, for Java-only deployments.
 * </ul>
 */
public enum V1Dialect {
  AUTO,
  REFERENCE,
  JAVA
}
