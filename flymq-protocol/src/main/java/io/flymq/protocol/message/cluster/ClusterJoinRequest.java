package io.flymq.protocol.message.cluster;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * CLUSTER_JOIN (0x50) request, wire v1 and v2. Layout: WIRE-V1 12.1: {@code peer str} ({@code
 * host:port} of a member to join through). The response is a {@link
 * io.flymq.protocol.message.SuccessResponse} or an ERROR.
 *
 * @param peer the cluster address of a member
 */
public record ClusterJoinRequest(String peer) implements Message {
  /** Validates the field. @throws NullPointerException if peer is null */
  public ClusterJoinRequest {
    Objects.requireNonNull(peer, "peer");
  }

  @Override
  public Opcode opcode() {
    return Opcode.CLUSTER_JOIN;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.str(peer);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ClusterJoinRequest decode(WireReader in) throws ProtocolException {
    return new ClusterJoinRequest(in.str());
  }
}
