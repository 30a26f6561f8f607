package io.flymq.protocol.message.dlq;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.ByteViews;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * FETCH_DLQ (0x20) response, wire v1 and v2. Layout: WIRE-V1 9.1.
 *
 * <pre>
 *   messages list&lt;entry&gt;;  entry = id str | data bytes | error str | retries i32
 * </pre>
 *
 * @param messages the dead-letter entries, oldest first
 */
public record FetchDlqResponse(List<DlqMessage> messages) implements Message {
  /** Copies the list. @throws NullPointerException if it or an element is null */
  public FetchDlqResponse {
    messages = FieldChecks.copy(messages, "messages");
  }

  @Override
  public Opcode opcode() {
    return Opcode.FETCH_DLQ;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(messages, (m, w) -> w.str(m.id()).bytes(m.data()).str(m.error()).i32(m.retries()));
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static FetchDlqResponse decode(WireReader in) throws ProtocolException {
    int count = in.count32(DlqMessage.MIN_BYTES);
    return new FetchDlqResponse(
        in.list(count, r -> new DlqMessage(r.str(), r.bytes(), r.str(), r.i32())));
  }

  /**
   * One dead-letter entry.
   *
   * @param id the entry id, e.g. {@code orders-5-1705123456000000000}
   * @param data the original payload (read-only view)
   * @param error the recorded error message
   * @param retries how often delivery was retried
   */
  public record DlqMessage(String id, ByteBuffer data, String error, int retries) {
    static final int MIN_BYTES = 12;

    /** Validates the fields. @throws NullPointerException if a field is null */
    public DlqMessage {
      Objects.requireNonNull(id, "id");
      data = ByteViews.readOnly(data, "data");
      Objects.requireNonNull(error, "error");
    }

    /** The original payload. */
    @Override
    public ByteBuffer data() {
      return data.duplicate();
    }
  }
}
