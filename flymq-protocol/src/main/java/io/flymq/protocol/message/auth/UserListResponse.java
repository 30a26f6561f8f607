package io.flymq.protocol.message.auth;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;

/**
 * USER_LIST (0x76) response, wire v1 and v2. Layout: WIRE-V1 14.7: {@code users list<user-info>}.
 *
 * @param users the users
 */
public record UserListResponse(List<UserInfo> users) implements Message {
  /** Copies the list. @throws NullPointerException if it or an element is null */
  public UserListResponse {
    users = FieldChecks.copy(users, "users");
  }

  @Override
  public Opcode opcode() {
    return Opcode.USER_LIST;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.list(users, UserInfo::writeTo);
  }

  /**
   * Decodes the payload.
   *
   * @param in the payload
   * @throws ProtocolException if the payload is truncated
   */
  public static UserListResponse decode(WireReader in) throws ProtocolException {
    int count = in.count32(UserInfo.MIN_BYTES);
    return new UserListResponse(in.list(count, UserInfo::decode));
  }
}
