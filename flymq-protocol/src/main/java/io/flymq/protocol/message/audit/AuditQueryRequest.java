package io.flymq.protocol.message.audit;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * AUDIT_QUERY request in the reference layout (0x80, Go SDK) or the SDK layout (0xA0, Java SDK,
 * sent with flags 0x00); wire v1 and v2. Layouts: WIRE-V1 14.15, 14.17 ({@link AuditQuery}); the
 * opcode selects the layout. Answered with an {@link AuditQueryResponse} of the same opcode.
 *
 * @param opcode AUDIT_QUERY or AUDIT_QUERY_SDK
 * @param query the filter
 */
public record AuditQueryRequest(Opcode opcode, AuditQuery query) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public AuditQueryRequest {
    FieldChecks.opcode(opcode, Opcode.AUDIT_QUERY, Opcode.AUDIT_QUERY_SDK);
    Objects.requireNonNull(query, "query");
  }

  @Override
  public void writeTo(WireWriter out) {
    query.writeTo(out, opcode == Opcode.AUDIT_QUERY_SDK);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AuditQueryRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new AuditQueryRequest(opcode, AuditQuery.decode(in, opcode == Opcode.AUDIT_QUERY_SDK));
  }
}
