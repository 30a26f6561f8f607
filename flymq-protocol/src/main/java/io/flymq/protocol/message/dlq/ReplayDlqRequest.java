package io.flymq.protocol.message.dlq;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * REPLAY_DLQ (0x21) request, form A (by message id; every SDK, the only form the reference
 * understands), wire v1 and v2. Layout: WIRE-V1 9.2. The response is a {@link
 * io.flymq.protocol.message.SuccessResponse}. Form B is {@link ReinjectDlqRequest}.
 *
 * <pre>
 *   topic str | message_id str
 * </pre>
 *
 * @param topic the original topic
 * @param messageId the entry id from FETCH_DLQ
 */
public record ReplayDlqRequest(String topic, String messageId) implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public ReplayDlqRequest {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(messageId, "messageId");
  }

  @Override
  public Opcode opcode() {
    return Opcode.REPLAY_DLQ;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(topic).str(messageId);
  }

  /**
   * Decodes form A or form B, told apart as WIRE-V1 9.2 says: after the topic, if the next u16 plus
   * 2 equals the remaining length it is form A; else if exactly 8 bytes remain it is form B.
   *
   * @param in the payload
   * @return a {@link ReplayDlqRequest} or a {@link ReinjectDlqRequest}
   * @throws ProtocolException if the payload is neither form
   */
  public static Message decode(WireReader in) throws ProtocolException {
    String topic = in.str();
    int afterTopic = in.position();
    int remaining = in.remaining();
    if (remaining >= 2 && in.u16() + 2 == remaining) {
      in.reset(afterTopic);
      return new ReplayDlqRequest(topic, in.str());
    }
    in.reset(afterTopic);
    if (remaining == 8) {
      return new ReinjectDlqRequest(topic, in.i64());
    }
    throw WireReader.invalid(
        "REPLAY_DLQ payload is neither a message id nor an 8-byte offset ("
            + remaining
            + " bytes after the topic)");
  }
}
