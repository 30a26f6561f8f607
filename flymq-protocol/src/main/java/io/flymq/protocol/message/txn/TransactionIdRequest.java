package io.flymq.protocol.message.txn;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * COMMIT_TX (0x41) and ABORT_TX (0x42) request, wire v1 and v2. Layout: WIRE-V1 11.3, 11.4: {@code
 * txn_id str}. The response is a {@link TransactionResponse}.
 *
 * @param opcode COMMIT_TX or ABORT_TX
 * @param txnId the transaction id
 */
public record TransactionIdRequest(Opcode opcode, String txnId) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public TransactionIdRequest {
    FieldChecks.opcode(opcode, Opcode.COMMIT_TX, Opcode.ABORT_TX);
    Objects.requireNonNull(txnId, "txnId");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(txnId);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static TransactionIdRequest decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new TransactionIdRequest(opcode, in.str());
  }
}
