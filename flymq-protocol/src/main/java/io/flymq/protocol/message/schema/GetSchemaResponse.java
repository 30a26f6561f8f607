package io.flymq.protocol.message.schema;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * GET_SCHEMA (0x11) response, <em>reference layout</em> ({@link
 * io.flymq.protocol.Dialect#REFERENCE}; no public SDK decodes it), wire v1 and v2. Layout: WIRE-V1
 * 8.2. The Python layout is a one-entry {@link SchemaListResponse}.
 *
 * <pre>
 *   id str (name-v&lt;version&gt;) | topic str | version u32 | type str8 | definition str32 | compatibility str8
 * </pre>
 *
 * @param id the schema id
 * @param topic the schema name
 * @param version the version
 * @param type json, avro or protobuf
 * @param definition the definition text
 * @param compatibility none, backward, forward or full
 */
public record GetSchemaResponse(
    String id, String topic, long version, String type, String definition, String compatibility)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if version does not fit a u32 */
  public GetSchemaResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topic, "topic");
    FieldChecks.u32(version, "version");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(compatibility, "compatibility");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GET_SCHEMA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(id).str(topic).u32(version).str8(type).str32(definition).str8(compatibility);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static GetSchemaResponse decode(WireReader in) throws ProtocolException {
    return new GetSchemaResponse(in.str(), in.str(), in.u32(), in.str8(), in.str32(), in.str8());
  }
}
