package io.flymq.protocol.message.schema;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * LIST_SCHEMAS (0x12) response, and the <em>Python layout</em> of the GET_SCHEMA (0x11) response (a
 * one-entry list; {@link io.flymq.protocol.Dialect#PYTHON}); wire v1 and v2. Layout: WIRE-V1 8.3.
 *
 * <pre>
 *   schemas list&lt;entry&gt;;  entry = name str | type str8 | version u32
 * </pre>
 *
 * @param opcode LIST_SCHEMAS or GET_SCHEMA
 * @param schemas one entry per stored version, ordered by name then version
 */
public record SchemaListResponse(Opcode opcode, List<SchemaEntry> schemas) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public SchemaListResponse {
    FieldChecks.opcode(opcode, Opcode.LIST_SCHEMAS, Opcode.GET_SCHEMA);
    schemas = FieldChecks.copy(schemas, "schemas");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(schemas, (entry, w) -> w.str(entry.name()).str8(entry.type()).u32(entry.version()));
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static SchemaListResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    int count = in.count32(SchemaEntry.MIN_BYTES);
    return new SchemaListResponse(
        opcode, in.list(count, r -> new SchemaEntry(r.str(), r.str8(), r.u32())));
  }

  /**
   * One stored schema version.
   *
   * @param name the schema name (the reference sends the id {@code name-v<version>} here)
   * @param type the schema type
   * @param version the version
   */
  public record SchemaEntry(String name, String type, long version) {
    static final int MIN_BYTES = 7;

    /** Validates the fields. @throws IllegalArgumentException if version does not fit a u32 */
    public SchemaEntry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      FieldChecks.u32(version, "version");
    }
  }
}
