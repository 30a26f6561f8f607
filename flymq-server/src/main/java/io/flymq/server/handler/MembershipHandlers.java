package io.flymq.server.handler;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.GroupDescribeRequest;
import io.flymq.protocol.message.membership.GroupOffsetsRequest;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.server.group.GroupCoordinator;
import io.flymq.server.metadata.TopicValidation;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The v2 consumer-group membership opcodes (docs/protocol.md#membership): JOIN_GROUP,
 * GROUP_HEARTBEAT, LEAVE_GROUP, GROUP_COMMIT, GROUP_OFFSETS and GROUP_DESCRIBE, served by the
 * {@link GroupCoordinator}. Everything but GROUP_COMMIT is answered at once from memory; a commit
 * is answered once its records are appended to {@code __consumer_offsets}.
 *
 * <p>Refusals the protocol puts in a response's {@code error_code} (UNKNOWN_MEMBER,
 * STALE_GENERATION, ...) are answers, not ERROR frames. Stateless apart from the coordinator;
 * thread-safe.
 */
public final class MembershipHandlers {
  private static final int MAX_WIRE_STRING_BYTES = 0xFFFF;

  private final GroupCoordinator coordinator;

  public MembershipHandlers(GroupCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  public void register(RequestRouter router) {
    router
        .register(
            Opcode.JOIN_GROUP,
            JoinGroupRequest.class,
            (r, c) -> {
              // A member's topics show up in LIST_GROUPS and DESCRIBE_GROUP answers: a name no
              // topic could have (say, invalid UTF-8 that outgrows a wire string once decoded)
              // must not get that far.
              r.topics().forEach(TopicValidation::validateName);
              requireWireString("group", r.group());
              requireWireString("group instance id", r.instanceId());
              return answer(coordinator.join(r, client(c.remoteAddress())));
            })
        .register(
            Opcode.GROUP_HEARTBEAT,
            HeartbeatRequest.class,
            (r, c) -> answer(coordinator.heartbeat(r)))
        .register(
            Opcode.LEAVE_GROUP,
            LeaveGroupRequest.class,
            (r, c) -> answer(new AckResponse(Opcode.LEAVE_GROUP, coordinator.leave(r))))
        .register(
            Opcode.GROUP_COMMIT,
            GroupCommitRequest.class,
            (r, c) -> coordinator.commit(r).thenApply(Response::of))
        .register(
            Opcode.GROUP_OFFSETS,
            GroupOffsetsRequest.class,
            (r, c) -> answer(coordinator.committed(r)))
        .register(
            Opcode.GROUP_DESCRIBE,
            GroupDescribeRequest.class,
            (r, c) -> answer(coordinator.describe(r.group())));
  }

  /**
   * A group or instance id is echoed in other answers (LIST_GROUPS, DESCRIBE_GROUP, GROUP_DESCRIBE)
   * as a wire string of at most 65,535 bytes; invalid UTF-8 in a request grows when decoded (each
   * bad byte becomes a 3-byte U+FFFD), so an id that fit in the request may not fit there.
   */
  private static void requireWireString(String field, String value) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_WIRE_STRING_BYTES) {
      throw new BrokerException(
          ErrorCode.INVALID_REQUEST,
          field
              + ": "
              + bytes
              + " bytes in UTF-8 (expected: <= "
              + MAX_WIRE_STRING_BYTES
              + "; send valid UTF-8)");
    }
  }

  private static CompletableFuture<Response> answer(io.flymq.protocol.Message message) {
    return CompletableFuture.completedFuture(Response.of(message));
  }

  /** {@code ip:port}, as GROUP_DESCRIBE shows a member's client. */
  static String client(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
