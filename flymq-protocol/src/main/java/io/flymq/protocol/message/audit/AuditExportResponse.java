package io.flymq.protocol.message.audit;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * AUDIT_EXPORT (0x81) response, reference layout, wire v1 and v2. Layout: WIRE-V1 14.16.
 *
 * <pre>
 *   format str (echo of the request) | data bytes (the export)
 * </pre>
 *
 * @param format the requested format text
 * @param data the exported events (read-only view)
 */
public record AuditExportResponse(String format, ByteBuffer data) implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public AuditExportResponse {
    Objects.requireNonNull(format, "format");
    data = ByteViews.readOnly(data, "data");
  }

  /** The export bytes. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUDIT_EXPORT;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(format).bytes(data);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static AuditExportResponse decode(WireReader in) throws ProtocolException {
    return new AuditExportResponse(in.str(), in.bytes());
  }
}
