package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * FETCH (0x07) and FETCH_BINARY (0x0B) response, wire v1 and v2. Layout: WIRE-V1 7.8.
 *
 * <pre>
 *   count u32 | next_offset u64 | count x (offset u64 | key bytes | value bytes)
 * </pre>
 *
 * <p>A broker must keep the payload within 32 MiB: {@code 12 + sum(16 + key + value)} bytes.
 *
 * @param opcode FETCH or FETCH_BINARY
 * @param nextOffset where the next fetch should start
 * @param messages the messages, in offset order
 */
public record FetchResponse(Opcode opcode, long nextOffset, List<FetchedMessage> messages)
    implements Message {
  /** Validates the fields. @throws IllegalArgumentException if a field is out of range */
  public FetchResponse {
    FieldChecks.opcode(opcode, Opcode.FETCH, Opcode.FETCH_BINARY);
    FieldChecks.nonNegative(nextOffset, "nextOffset");
    messages = FieldChecks.copy(messages, "messages");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.u32(messages.size()).i64(nextOffset);
    for (FetchedMessage message : messages) {
      message.writeTo(out);
    }
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static FetchResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    long count = in.u32();
    long nextOffset = in.i64();
    int checked = in.count(count, FetchedMessage.MIN_BYTES);
    return new FetchResponse(opcode, nextOffset, in.list(checked, FetchedMessage::decode));
  }

  /**
   * One message of a FETCH response.
   *
   * @param offset the message's offset
   * @param key the key, empty for none (read-only view)
   * @param value the value (read-only view)
   */
  public record FetchedMessage(long offset, ByteBuffer key, ByteBuffer value) {
    /** The smallest encoding: offset and two empty byte fields. */
    static final int MIN_BYTES = 16;

    /** Validates the fields. @throws IllegalArgumentException if offset is negative */
    public FetchedMessage {
      FieldChecks.nonNegative(offset, "offset");
      key = ByteViews.readOnly(key, "key");
      value = ByteViews.readOnly(value, "value");
    }

    /** The key; empty when the record has none. */
    @Override
    public ByteBuffer key() {
      return key.duplicate();
    }

    /** The value. */
    @Override
    public ByteBuffer value() {
      return value.duplicate();
    }

    void writeTo(WireWriter out) {
      out.i64(offset).bytes(key).bytes(value);
    }

    static FetchedMessage decode(WireReader in) throws ProtocolException {
      return new FetchedMessage(in.i64(), in.bytes(), in.bytes());
    }
  }
}
