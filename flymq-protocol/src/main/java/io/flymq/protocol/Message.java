package io.flymq.protocol;

import io.flymq.protocol.wire.WireWriter;

/**
 * A request or response payload of one opcode. Implementations are immutable records, validated in
 * their compact constructors, whose javadoc names the opcode, the wire versions and the layout.
 *
 * <p>Implementations are thread-safe (immutable); binary fields are read-only views whose accessors
 * return fresh duplicates.
 */
public interface Message {
  /** The opcode of the frame that carries this payload. */
  Opcode opcode();

  /**
   * Appends the payload bytes (without the frame header) to {@code out}.
   *
   * @param out the destination
   */
  void writeTo(WireWriter out);
}
