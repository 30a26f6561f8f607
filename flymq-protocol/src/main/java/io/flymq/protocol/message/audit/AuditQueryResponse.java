package io.flymq.protocol.message.audit;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;

/**
 * AUDIT_QUERY response, reference layout (0x80) or SDK layout (0xA0), wire v1 and v2. Layouts:
 * WIRE-V1 14.15, 14.17; the opcode selects the layout.
 *
 * <pre>
 *   reference (0x80): count u32 | count x (u32 byte length, event) | total_count i32 | has_more bool
 *   SDK (0xA0):       total_count i32 | has_more bool | count i32 | count x event (no length prefix)
 * </pre>
 *
 * <p>The Java SDK reads string lengths and the details count as signed 16-bit values: keep them
 * below 32,768 in the SDK layout.
 *
 * @param opcode AUDIT_QUERY or AUDIT_QUERY_SDK
 * @param events the page of events
 * @param totalCount matches before pagination
 * @param hasMore whether more pages follow
 */
public record AuditQueryResponse(
    Opcode opcode, List<AuditEvent> events, int totalCount, boolean hasMore) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public AuditQueryResponse {
    FieldChecks.opcode(opcode, Opcode.AUDIT_QUERY, Opcode.AUDIT_QUERY_SDK);
    events = FieldChecks.copy(events, "events");
  }

  @Override
  public void writeTo(WireWriter out) {
    if (opcode == Opcode.AUDIT_QUERY_SDK) {
      out.i32(totalCount).bool(hasMore).i32(events.size());
      events.forEach(e -> e.writeTo(out, true));
      return;
    }
    out.u32(events.size());
    for (AuditEvent event : events) {
      int lengthAt = out.reserveI32();
      event.writeTo(out, false);
      out.patchI32(lengthAt, out.size() - lengthAt - 4);
    }
    out.i32(totalCount).bool(hasMore);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated or a count is negative
   */
  public static AuditQueryResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    if (opcode == Opcode.AUDIT_QUERY_SDK) {
      int totalCount = in.i32();
      boolean hasMore = in.bool();
      int count = in.count(in.i32(), AuditEvent.MIN_BYTES);
      return new AuditQueryResponse(
          opcode, in.list(count, r -> AuditEvent.decode(r, true)), totalCount, hasMore);
    }
    int count = in.count32(4 + AuditEvent.MIN_BYTES);
    // Each event is parsed inside its own length prefix, so a bad event cannot run into the next.
    List<AuditEvent> events =
        in.list(count, r -> AuditEvent.decode(new WireReader(r.bytes()), false));
    return new AuditQueryResponse(opcode, events, in.i32(), in.bool());
  }
}
