package io.flymq.protocol.message.schema;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * GET_SCHEMA (0x11) and DELETE_SCHEMA (0x15) request, wire v1 and v2. Layout: WIRE-V1 8.2, 8.6.
 *
 * <pre>
 *   name str | version u32 (0 = latest for GET_SCHEMA; all versions for DELETE_SCHEMA in FlyMQ)
 * </pre>
 *
 * @param opcode GET_SCHEMA or DELETE_SCHEMA
 * @param name the schema name
 * @param version the version, 0..2^32-1
 */
public record SchemaVersionRequest(Opcode opcode, String name, long version) implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public SchemaVersionRequest {
    FieldChecks.opcode(opcode, Opcode.GET_SCHEMA, Opcode.DELETE_SCHEMA);
    Objects.requireNonNull(name, "name");
    FieldChecks.u32(version, "version");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(name).u32(version);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static SchemaVersionRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new SchemaVersionRequest(opcode, in.str(), in.u32());
  }
}
