package io.flymq.protocol.message.schema;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * REGISTER_SCHEMA (0x10) response, wire v1 and v2. Layout: WIRE-V1 8.1.
 *
 * <pre>
 *   name str | type str8 (echoed) | version u32 (the version just created)
 * </pre>
 *
 * @param name the schema name
 * @param type the type as sent
 * @param version the new version, 0..2^32-1
 */
public record RegisterSchemaResponse(String name, String type, long version) implements Message {
  /** Validates the fields. @throws IllegalArgumentException if version does not fit a u32 */
  public RegisterSchemaResponse {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    FieldChecks.u32(version, "version");
  }

  @Override
  public Opcode opcode() {
    return Opcode.REGISTER_SCHEMA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(name).str8(type).u32(version);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static RegisterSchemaResponse decode(WireReader in) throws ProtocolException {
    return new RegisterSchemaResponse(in.str(), in.str8(), in.u32());
  }
}
