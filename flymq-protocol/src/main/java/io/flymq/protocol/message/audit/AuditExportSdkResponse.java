package io.flymq.protocol.message.audit;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;

/**
 * AUDIT_EXPORT_SDK (0xA1) response, SDK layout, wire v1 and v2. Layout: WIRE-V1 14.18: the raw
 * export bytes form the entire payload (no length, no format echo), so nothing may ever be appended
 * to it.
 *
 * @param data the exported events (read-only view)
 */
public record AuditExportSdkResponse(ByteBuffer data) implements Message {
  /** Validates the field. @throws NullPointerException if data is null */
  public AuditExportSdkResponse {
    data = ByteViews.readOnly(data, "data");
  }

  /** The export bytes. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.AUDIT_EXPORT_SDK;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.raw(data);
  }

  /**
   * Decodes the payload: all of it is the export.
   *
   * @param in the payload
   */
  public static AuditExportSdkResponse decode(WireReader in) {
    return new AuditExportSdkResponse(in.rest());
  }
}
