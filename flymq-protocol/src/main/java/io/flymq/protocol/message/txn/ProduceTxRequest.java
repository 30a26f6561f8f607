package io.flymq.protocol.message.txn;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * PRODUCE_TX (0x43) request, wire v1 and v2. Layout: WIRE-V1 11.2. The response is a {@link
 * io.flymq.protocol.message.core.RecordMetadata} with partition and offset 0 (assigned at commit).
 *
 * <pre>
 *   txn_id str | topic str | data bytes
 * </pre>
 *
 * @param txnId the transaction id
 * @param topic the topic
 * @param data the message (read-only view)
 */
public record ProduceTxRequest(String txnId, String topic, ByteBuffer data) implements Message {
  /** Validates the fields. @throws NullPointerException if a field is null */
  public ProduceTxRequest {
    Objects.requireNonNull(txnId, "txnId");
    Objects.requireNonNull(topic, "topic");
    data = ByteViews.readOnly(data, "data");
  }

  /** The message bytes. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  @Override
  public Opcode opcode() {
    return Opcode.PRODUCE_TX;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(txnId).str(topic).bytes(data);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ProduceTxRequest decode(WireReader in) throws ProtocolException {
    return new ProduceTxRequest(in.str(), in.str(), in.bytes());
  }
}
