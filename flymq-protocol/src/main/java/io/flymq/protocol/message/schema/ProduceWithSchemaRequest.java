package io.flymq.protocol.message.schema;

import io.flymq.protocol.Dialect;
import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * PRODUCE_WITH_SCHEMA (0x14) request, wire v1 and v2, in one of two layouts (WIRE-V1 8.5, 18 A):
 *
 * <pre>
 *   Java/Python layout ({@link Dialect#JAVA}):    topic str | data bytes | schema_name str
 *   reference/Go layout ({@link Dialect#REFERENCE}): topic str | schema_name str | data bytes
 * </pre>
 *
 * <p>The decoder tries the Java/Python layout first and accepts it only if it consumes the payload
 * exactly, then the reference layout under the same rule; otherwise the payload is malformed. The
 * layout is kept so the request re-encodes to the same bytes. The response is a {@link
 * io.flymq.protocol.message.core.RecordMetadata}.
 *
 * @param topic the topic
 * @param data the message (read-only view)
 * @param schemaName the schema to validate against
 * @param layout {@link Dialect#JAVA} (also Python) or {@link Dialect#REFERENCE} (also Go)
 */
public record ProduceWithSchemaRequest(
    String topic, ByteBuffer data, String schemaName, Dialect layout) implements Message {
  /**
   * Validates the fields. @throws IllegalArgumentException for the PYTHON layout name (use JAVA)
   */
  public ProduceWithSchemaRequest {
    Objects.requireNonNull(topic, "topic");
    data = ByteViews.readOnly(data, "data");
    Objects.requireNonNull(schemaName, "schemaName");
    if (Objects.requireNonNull(layout, "layout") == Dialect.PYTHON) {
      throw new IllegalArgumentException(
          "layout: PYTHON (expected: JAVA, which Python shares, or REFERENCE)");
    }
  }

  /** The message bytes. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.PRODUCE_WITH_SCHEMA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic);
    if (layout == Dialect.JAVA) {
      out.bytes(data).str(schemaName);
    } else {
      out.str(schemaName).bytes(data);
    }
  }

  /**
   * Decodes either layout.
   *
   * @param in the payload
   * @throws ProtocolException if neither layout consumes the payload exactly
   */
  public static ProduceWithSchemaRequest decode(WireReader in) throws ProtocolException {
    String topic = in.str();
    int afterTopic = in.position();
    try {
      ByteBuffer data = in.bytes();
      String schemaName = in.str();
      if (in.remaining() == 0) {
        return new ProduceWithSchemaRequest(topic, data, schemaName, Dialect.JAVA);
      }
    } catch (ProtocolException notThisLayout) {
      // Fall through to the reference layout.
    }
    in.reset(afterTopic);
    String schemaName = in.str();
    ByteBuffer data = in.bytes();
    if (in.remaining() != 0) {
      throw WireReader.invalid(
          "PRODUCE_WITH_SCHEMA payload matches neither layout ("
              + in.remaining()
              + " bytes left over)");
    }
    return new ProduceWithSchemaRequest(topic, data, schemaName, Dialect.REFERENCE);
  }
}
