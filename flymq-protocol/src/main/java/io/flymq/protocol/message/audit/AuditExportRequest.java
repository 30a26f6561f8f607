package io.flymq.protocol.message.audit;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * AUDIT_EXPORT (0x81) request, reference layout (Go SDK), wire v1 and v2. Layout: WIRE-V1 14.16.
 * Answered with an {@link AuditExportResponse}.
 *
 * <pre>
 *   query u32 byte length, then a reference-layout {@link AuditQuery} (limit, offset ignored) | format str (json, csv)
 * </pre>
 *
 * @param query the filter
 * @param format json or csv; anything else exports JSON
 */
public record AuditExportRequest(AuditQuery query, String format) implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public AuditExportRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(format, "format");
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUDIT_EXPORT;
  }

  @Override
  public void writeTo(WireWriter out) {
    int lengthAt = out.reserveI32();
    query.writeTo(out, false);
    out.patchI32(lengthAt, out.size() - lengthAt - 4);
    out.str(format);
  }

  /**
   * Decodes the payload; the query must fit its length prefix.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AuditExportRequest decode(WireReader in) throws ProtocolException {
    AuditQuery query = AuditQuery.decode(new WireReader(in.bytes()), false);
    return new AuditExportRequest(query, in.str());
  }
}
