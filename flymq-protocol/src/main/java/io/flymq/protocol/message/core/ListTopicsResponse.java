package io.flymq.protocol.message.core;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;

/**
 * LIST_TOPICS (0x08) response, wire v1 and v2. Layout: WIRE-V1 7.9: {@code topics list<str>},
 * sorted by name, without names starting with {@code __}. The request is an {@link
 * io.flymq.protocol.message.EmptyRequest}.
 *
 * @param topics the topic names
 */
public record ListTopicsResponse(List<String> topics) implements Message {
  /** Copies the list. @throws NullPointerException if it or an element is null */
  public ListTopicsResponse {
    topics = FieldChecks.copy(topics, "topics");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LIST_TOPICS;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.strList(topics);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ListTopicsResponse decode(WireReader in) throws ProtocolException {
    return new ListTopicsResponse(in.strList());
  }
}
