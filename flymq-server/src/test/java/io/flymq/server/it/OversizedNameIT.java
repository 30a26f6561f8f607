package io.flymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.Message;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.group.GroupRequest;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Found by FuzzFramesIT: a group id of invalid UTF-8 decodes to replacement characters and grows
 * past the 65,535 bytes a stored offset key may hold. The COMMIT must get an INVALID_REQUEST ERROR
 * frame, not an "unexpected" failure in the broker log, and the connection keeps working.
 */
class OversizedNameIT {
  @Test
  void shouldAnswerACommitWhoseGroupIsTooLongForAKeyWithAnError() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      byte[] topic = "orders".getBytes(StandardCharsets.UTF_8);
      int groupBytes = 30_000; // 0xFF bytes: each decodes to U+FFFD, 3 bytes when encoded again
      ByteBuffer payload = ByteBuffer.allocate(2 + topic.length + 2 + groupBytes + 4 + 8);
      payload.putShort((short) topic.length).put(topic).putShort((short) groupBytes);
      for (int i = 0; i < groupBytes; i++) {
        payload.put((byte) 0xFF);
      }
      payload.putInt(0).putLong(1).flip();
      ByteBuffer frame = ByteBuffer.allocate(8 + payload.remaining());
      frame
          .put((byte) 0xAF)
          .put((byte) 1)
          .put((byte) Opcode.COMMIT.code())
          .put((byte) 1)
          .putInt(payload.remaining())
          .put(payload)
          .flip();

      client.sendRaw(frame);
      ErrorResponse error = (ErrorResponse) client.read().message();

      assertThat(error.message()).startsWith("invalid request:").contains("65535");
      assertThat(client.requestV1(new EmptyRequest(Opcode.LIST_TOPICS)).message())
          .isInstanceOf(ListTopicsResponse.class);
    }
  }

  /**
   * Found by FuzzFramesIT: a JOIN_GROUP for a topic named by invalid UTF-8 made the member's topic
   * list hold a name that grows past 65,535 bytes once encoded again, and DESCRIBE_GROUP then
   * failed to encode its answer. The JOIN must be refused with INVALID_TOPIC_NAME instead.
   */
  @Test
  void shouldRefuseAJoinForATopicNameThatIsNotAValidTopicName() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      int nameBytes = 21_900; // 0xFF bytes: 65,700 bytes once decoded and encoded again
      String placeholder = "x".repeat(nameBytes);
      ByteBuffer frame =
          MessageCodec.encodeRequest(
              FrameHeader.V2,
              7,
              1,
              new JoinGroupRequest("g", "", "", List.of(placeholder), 30_000, 60_000, "sticky"));
      byte[] bytes = new byte[frame.remaining()];
      frame.get(bytes);
      int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(placeholder);
      Arrays.fill(bytes, at, at + nameBytes, (byte) 0xFF);

      client.sendRaw(ByteBuffer.wrap(bytes));
      ErrorResponse error = (ErrorResponse) client.read().message();

      assertThat(error.message()).contains("topic name");
      // The group knows no such member: describing it answers normally.
      Message described =
          client.requestV1(new GroupRequest(Opcode.DESCRIBE_GROUP, Optional.of(""), "")).message();
      assertThat(described).isNotNull();
      assertThat(described.toString()).doesNotContain("internal error");
    }
  }

  /** The same for the group id, which LIST_GROUPS and DESCRIBE_GROUP echo. */
  @Test
  void shouldRefuseAJoinWhoseGroupIdOutgrowsAWireStringOnceDecoded() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      int idBytes = 21_900;
      String placeholder = "y".repeat(idBytes);
      ByteBuffer frame =
          MessageCodec.encodeRequest(
              FrameHeader.V2,
              8,
              1,
              new JoinGroupRequest(
                  placeholder, "", "", List.of("orders"), 30_000, 60_000, "sticky"));
      byte[] bytes = new byte[frame.remaining()];
      frame.get(bytes);
      int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(placeholder);
      Arrays.fill(bytes, at, at + idBytes, (byte) 0xFF);

      client.sendRaw(ByteBuffer.wrap(bytes));
      ErrorResponse error = (ErrorResponse) client.read().message();

      assertThat(error.message()).startsWith("group: 65700 bytes in UTF-8").contains("65535");
      assertThat(client.requestV1(new EmptyRequest(Opcode.LIST_GROUPS)).message())
          .isNotInstanceOf(ErrorResponse.class);
    }
  }
}
