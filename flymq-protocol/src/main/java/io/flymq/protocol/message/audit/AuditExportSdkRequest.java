package io.flymq.protocol.message.audit;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * AUDIT_EXPORT_SDK (0xA1) request, SDK layout (Java SDK, flags 0x00), wire v1 and v2. Layout:
 * WIRE-V1 14.18. Answered with an {@link AuditExportSdkResponse}.
 *
 * <pre>
 *   format str | start_time i64 | end_time i64 | event_types list16&lt;str&gt; | user str | resource str | result str | search str
 * </pre>
 *
 * @param format json or csv
 * @param startTime Unix seconds, 0 = unbounded
 * @param endTime Unix seconds, 0 = unbounded
 * @param eventTypes event types, empty = all (at most 65,535)
 * @param user user filter
 * @param resource resource filter
 * @param result result filter
 * @param search free-text search
 */
public record AuditExportSdkRequest(
    String format,
    long startTime,
    long endTime,
    List<String> eventTypes,
    String user,
    String resource,
    String result,
    String search)
    implements Message {
  /**
   * Validates the fields. @throws IllegalArgumentException if there are more than 65,535 event
   * types
   */
  public AuditExportSdkRequest {
    Objects.requireNonNull(format, "format");
    eventTypes = FieldChecks.copy(eventTypes, "eventTypes");
    if (eventTypes.size() > 0xFFFF) {
      throw new IllegalArgumentException(
          "eventTypes: " + eventTypes.size() + " (expected: <= 65535)");
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(search, "search");
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUDIT_EXPORT_SDK;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(format)
        .i64(startTime)
        .i64(endTime)
        .strList16(eventTypes)
        .str(user)
        .str(resource)
        .str(result)
        .str(search);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AuditExportSdkRequest decode(WireReader in) throws ProtocolException {
    return new AuditExportSdkRequest(
        in.str(), in.i64(), in.i64(), in.strList16(), in.str(), in.str(), in.str(), in.str());
  }
}
