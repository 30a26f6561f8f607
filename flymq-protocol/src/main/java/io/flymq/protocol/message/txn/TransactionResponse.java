package io.flymq.protocol.message.txn;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * The transaction layout, response of BEGIN_TX (0x40), COMMIT_TX (0x41) and ABORT_TX (0x42); wire
 * v1 and v2. Layout: WIRE-V1 11.1.
 *
 * <pre>
 *   txn_id str | success bool
 * </pre>
 *
 * <p>The Go SDK requires the {@code success} byte; Java and Python read only the id. FlyMQ reports
 * failures as ERROR frames, since no SDK reads {@code success = 0} here.
 *
 * @param opcode the opcode answered
 * @param txnId the transaction id (begun, or echoed)
 * @param success whether the operation succeeded
 */
public record TransactionResponse(Opcode opcode, String txnId, boolean success) implements Message {
  /** Validates the fields. @throws IllegalArgumentException for another opcode */
  public TransactionResponse {
    FieldChecks.opcode(opcode, Opcode.BEGIN_TX, Opcode.COMMIT_TX, Opcode.ABORT_TX);
    Objects.requireNonNull(txnId, "txnId");
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(txnId).bool(success);
  }

  /**
   * Decodes the payload.
   *
   * @param opcode the frame's opcode
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static TransactionResponse decode(Opcode opcode, WireReader in) throws ProtocolException {
    return new TransactionResponse(opcode, in.str(), in.bool());
  }
}
