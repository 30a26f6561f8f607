package io.flymq.protocol.message.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.protocol.Dialect;
import io.flymq.protocol.Message;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.FrameFlags;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.AckResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every v2-only message of the membership and topic-config families survives encode then decode,
 * and is refused in v1 frames.
 */
class MembershipMessagesTest {
  private static final List<PartitionRef> TWO =
      List.of(new PartitionRef("orders", 0), new PartitionRef("audit", 3));

  static Stream<Message> requests() {
    return Stream.of(
        new JoinGroupRequest(
            "g", "", "host-1", List.of("orders", "audit"), 10_000, 30_000, "sticky"),
        new HeartbeatRequest("g", "m-1", 4, TWO),
        new LeaveGroupRequest("g", "m-1", "poll timeout"),
        new GroupCommitRequest(
            "g", "m-1", 4, List.of(new GroupCommitRequest.CommitEntry("orders", 0, 42, "meta"))),
        new GroupOffsetsRequest("g", TWO),
        new GroupDescribeRequest("g"),
        new io.flymq.protocol.message.topic.AlterTopicConfigRequest(
            "orders", java.util.Map.of("retention_ms", "60000"), List.of("segment_bytes")),
        new io.flymq.protocol.message.TopicRequest(
            io.flymq.protocol.Opcode.DESCRIBE_TOPIC_CONFIG, "orders"));
  }

  static Stream<Message> responses() {
    return Stream.of(
        new JoinGroupResponse(ErrorCode.NONE, "m-1", 3, 3000),
        new HeartbeatResponse(ErrorCode.UNKNOWN_MEMBER, 5, TWO),
        new AckResponse(io.flymq.protocol.Opcode.LEAVE_GROUP, true),
        new GroupCommitResponse(
            List.of(new GroupCommitResponse.Result("orders", 0, ErrorCode.PARTITION_NOT_ASSIGNED))),
        new io.flymq.protocol.message.topic.TopicConfigResponse(
            io.flymq.protocol.Opcode.ALTER_TOPIC_CONFIG,
            "orders",
            java.util.Map.of("cleanup_policy", "compact", "retention_ms", "1")),
        new GroupOffsetsResponse(List.of(new GroupOffsetsResponse.Committed("orders", 1, -1, ""))),
        new GroupDescribeResponse(
            ErrorCode.NONE,
            "Stable",
            7,
            "range",
            List.of(
                new GroupDescribeResponse.Member(
                    "m-1", "", "127.0.0.1:5000", List.of("orders"), TWO)),
            List.of(new GroupDescribeResponse.Departure("m-0", "i-0", "session timeout", 1234))));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void shouldRoundTripEveryRequestInV2Frames(Message request) throws ProtocolException {
    ByteBuffer frame = MessageCodec.encodeRequest(FrameHeader.V2, 9, FrameFlags.BINARY, request);
    FrameHeader header = new io.flymq.protocol.frame.FrameDecoder().peekHeader(frame);
    ByteBuffer payload = frame.duplicate().position(header.headerBytes());
    assertThat(MessageCodec.decodeRequest(header, payload)).isEqualTo(request);
  }

  @ParameterizedTest
  @MethodSource("requests")
  void shouldRefuseMembershipOpcodesInV1Frames(Message request) {
    ByteBuffer frame = MessageCodec.encodeRequest(FrameHeader.V1, 0, FrameFlags.BINARY, request);
    assertThatThrownBy(
            () -> {
              FrameHeader header = new io.flymq.protocol.frame.FrameDecoder().peekHeader(frame);
              MessageCodec.decodeRequest(header, frame.duplicate().position(header.headerBytes()));
            })
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown opcode");
  }

  @ParameterizedTest
  @MethodSource("responses")
  void shouldRoundTripEveryResponse(Message response) throws ProtocolException {
    ByteBuffer payload = MessageCodec.encodePayload(response);
    assertThat(MessageCodec.decodeResponse(response.opcode(), payload, Dialect.REFERENCE))
        .isEqualTo(response);
  }
}
