package io.flymq.protocol.message.schema;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * REGISTER_SCHEMA (0x10) request, wire v1 and v2. Layout: WIRE-V1 8.1.
 *
 * <pre>
 *   name str | type str8 (json, avro, protobuf; proto = protobuf) | schema bytes (UTF-8 definition)
 * </pre>
 *
 * @param name the schema name (by convention the topic it governs)
 * @param type the schema type text, kept as sent
 * @param schema the definition (read-only view)
 */
public record RegisterSchemaRequest(String name, String type, ByteBuffer schema)
    implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public RegisterSchemaRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    schema = ByteViews.readOnly(schema, "schema");
  }

  /** The schema definition bytes. */
  @Override
  public ByteBuffer schema() {
    return schema.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.REGISTER_SCHEMA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(name).str8(type).bytes(schema);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static RegisterSchemaRequest decode(WireReader in) throws ProtocolException {
    return new RegisterSchemaRequest(in.str(), in.str8(), in.bytes());
  }
}
