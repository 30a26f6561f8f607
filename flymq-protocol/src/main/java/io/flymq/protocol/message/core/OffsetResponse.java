package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;

/**
 * The {@code offset u64} response of SUBSCRIBE (0x05), GET_OFFSET (0x60) and SEEK_TO_TIMESTAMP
 * (0x66); wire v1 and v2. Layout: WIRE-V1 7.6, 13.1, 13.7.
 *
 * @param opcode the opcode answered
 * @param offset the start position, committed offset (0 = none) or found offset
 */
public record OffsetResponse(Opcode opcode, long offset) implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public OffsetResponse {
    FieldChecks.opcode(opcode, Opcode.SUBSCRIBE, Opcode.GET_OFFSET, Opcode.SEEK_TO_TIMESTAMP);
    FieldChecks.nonNegative(offset, "offset");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.i64(offset);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static OffsetResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new OffsetResponse(opcode, in.i64());
  }
}
