package io.flymq.protocol.message.group;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;

/**
 * LIST_GROUPS (0x62) response, reference layout (Go and Python SDKs, flymq-cli), {@link
 * io.flymq.protocol.Dialect#REFERENCE}; wire v1 and v2. Layout: WIRE-V1 13.3: {@code groups
 * list<GroupSummary>}. The request is an {@link io.flymq.protocol.message.EmptyRequest}; which
 * layout a broker sends is chosen by {@link io.flymq.protocol.DialectMode}.
 *
 * @param groups the groups, sorted
 */
public record ListGroupsResponse(List<GroupSummary> groups) implements Message {
  /** Copies the list. @throws NullPointerException if it or an element is null */
  public ListGroupsResponse {
    groups = FieldChecks.copy(groups, "groups");
  }

  @Override
  public Opcode opcode() {
    return Opcode.LIST_GROUPS;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(groups, GroupSummary::writeTo);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static ListGroupsResponse decode(WireReader in) throws ProtocolException {
    int count = in.count32(GroupSummary.MIN_BYTES);
    return new ListGroupsResponse(in.list(count, GroupSummary::decode));
  }
}
