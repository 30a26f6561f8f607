package io.flymq.protocol.message.audit;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit event, in two encodings (WIRE-V1 14.15, 14.17):
 *
 * <pre>
 *   reference: id str | timestamp i64 (ms) | type str | user str | client_ip str | resource str
 *              | action str | result str | node_id str | details u32 count x (key str, value str)
 *   SDK:       ... the same up to result | details u16 count x (key str, value str) | node_id str
 * </pre>
 *
 * @param id the event id
 * @param timestamp ms since the epoch
 * @param type e.g. {@code auth.failure}
 * @param user the acting user
 * @param clientIp the client address
 * @param resource the resource acted on
 * @param action the action
 * @param result success, failure or denied
 * @param nodeId the broker that recorded it
 * @param details extra key/value pairs, in wire order
 */
public record AuditEvent(
    String id,
    long timestamp,
    String type,
    String user,
    String clientIp,
    String resource,
    String action,
    String result,
    String nodeId,
    Map<String, String> details) {
  static final int MIN_BYTES = 28;

  /**
   * Validates the fields and copies the details, keeping their order. @throws NullPointerException
   * if a field is null
   */
  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(clientIp, "clientIp");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(nodeId, "nodeId");
    details =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
  }

  void writeTo(WireWriter out, boolean sdkLayout) {
    out.str(id)
        .i64(timestamp)
        .str(type)
        .str(user)
        .str(clientIp)
        .str(resource)
        .str(action)
        .str(result);
    if (sdkLayout) {
      if (details.size() > 0xFFFF) {
        throw new IllegalArgumentException(
            "details: " + details.size() + " entries (expected: <= 65535)");
      }
      out.u16(details.size()).strPairs(details).str(nodeId);
    } else {
      out.str(nodeId).u32(details.size()).strPairs(details);
    }
  }

  static AuditEvent decode(WireReader in, boolean sdkLayout) throws ProtocolException {
    String id = in.str();
    long timestamp = in.i64();
    String type = in.str();
    String user = in.str();
    String clientIp = in.str();
    String resource = in.str();
    String action = in.str();
    String result = in.str();
    if (sdkLayout) {
      Map<String, String> details = in.strMap(in.count(in.u16(), 4));
      return new AuditEvent(
          id, timestamp, type, user, clientIp, resource, action, result, in.str(), details);
    }
    String nodeId = in.str();
    Map<String, String> details = in.strMap(in.count32(4));
    return new AuditEvent(
        id, timestamp, type, user, clientIp, resource, action, result, nodeId, details);
  }
}
