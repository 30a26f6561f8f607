package io.flymq.protocol.message.delivery;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * CANCEL_DELAYED (0x31) request, a FlyMQ-JVM proposal no public SDK sends; wire v1 and v2. Layout:
 * WIRE-V1 10.2: {@code message_id str}. The response is a {@link
 * io.flymq.protocol.message.SuccessResponse}.
 *
 * @param messageId the delayed message's id
 */
public record CancelDelayedRequest(String messageId) implements Message {
  /** Validates the field. @throws NullPointerException if messageId is null */
  public CancelDelayedRequest {
    Objects.requireNonNull(messageId, "messageId");
  }

  @Override
  public Opcode opcode() {
    return Opcode.CANCEL_DELAYED;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(messageId);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static CancelDelayedRequest decode(WireReader in) throws ProtocolException {
    return new CancelDelayedRequest(in.str());
  }
}
