package io.flymq.protocol.message.schema;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;

/**
 * VALIDATE_SCHEMA (0x13) response, wire v1 and v2. Layout: WIRE-V1 8.4.
 *
 * <pre>
 *   valid bool | errors list&lt;str&gt; (empty when valid)
 * </pre>
 *
 * @param valid whether the message validates
 * @param errors the validation errors
 */
public record ValidateSchemaResponse(boolean valid, List<String> errors) implements Message {
  /** Copies the errors. @throws NullPointerException if the list or an element is null */
  public ValidateSchemaResponse {
    errors = FieldChecks.copy(errors, "errors");
  }

  @Override
  public Opcode opcode() {
    return Opcode.VALIDATE_SCHEMA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.bool(valid).strList(errors);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ValidateSchemaResponse decode(WireReader in) throws ProtocolException {
    return new ValidateSchemaResponse(in.bool(), in.strList());
  }
}
