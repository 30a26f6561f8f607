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
 * VALIDATE_SCHEMA (0x13) request, wire v1 and v2. Layout: WIRE-V1 8.4.
 *
 * <pre>
 *   name str | message bytes
 * </pre>
 *
 * @param name the schema name
 * @param message the message to validate against its latest version (read-only view)
 */
public record ValidateSchemaRequest(String name, ByteBuffer message) implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public ValidateSchemaRequest {
    Objects.requireNonNull(name, "name");
    message = ByteViews.readOnly(message, "message");
  }

  /** The message bytes. */
  @Override
  public ByteBuffer message() {
    return message.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.VALIDATE_SCHEMA;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(name).bytes(message);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ValidateSchemaRequest decode(WireReader in) throws ProtocolException {
    return new ValidateSchemaRequest(in.str(), in.bytes());
  }
}
