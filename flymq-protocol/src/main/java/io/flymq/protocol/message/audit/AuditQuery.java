package io.flymq.protocol.message.audit;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * The audit query filter, in two encodings (WIRE-V1 14.15, 14.17):
 *
 * <pre>
 *   start_time i64 (s, 0 = unbounded) | end_time i64 (s) | event_types COUNT x str | user str
 *   | resource str | result str | search str | limit i32 | offset i32
 *   COUNT = u32 in the reference layout (0x80, 0x81), u16 in the SDK layout (0xA0)
 * </pre>
 *
 * @param startTime Unix seconds, 0 = unbounded
 * @param endTime Unix seconds, 0 = unbounded
 * @param eventTypes event types, empty = all
 * @param user user filter, empty = any
 * @param resource resource filter
 * @param result success, failure, denied or empty
 * @param search free-text search
 * @param limit page size
 * @param offset pagination offset
 */
public record AuditQuery(
    long startTime,
    long endTime,
    List<String> eventTypes,
    String user,
    String resource,
    String result,
    String search,
    int limit,
    int offset) {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public AuditQuery {
    eventTypes = FieldChecks.copy(eventTypes, "eventTypes");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(search, "search");
  }

  /**
   * Writes the query.
   *
   * @param out the destination
   * @param sdkLayout u16 event type count (SDK layout) instead of u32
   * @throws IllegalArgumentException if the SDK layout gets more than 65,535 event types
   */
  public void writeTo(WireWriter out, boolean sdkLayout) {
    out.i64(startTime).i64(endTime);
    if (sdkLayout) {
      out.strList16(eventTypes);
    } else {
      out.strList(eventTypes);
    }
    out.str(user).str(resource).str(result).str(search).i32(limit).i32(offset);
  }

  /**
   * Reads a query.
   *
   * @param in the payload
   * @param sdkLayout u16 event type count (SDK layout) instead of u32
   * @throws ProtocolException if the payload is truncated
   */
  public static AuditQuery decode(WireReader in, boolean sdkLayout) throws ProtocolException {
    long startTime = in.i64();
    long endTime = in.i64();
    List<String> eventTypes = sdkLayout ? in.strList16() : in.strList();
    return new AuditQuery(
        startTime, endTime, eventTypes, in.str(), in.str(), in.str(), in.str(), in.i32(), in.i32());
  }
}
