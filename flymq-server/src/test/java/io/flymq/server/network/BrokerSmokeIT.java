package io.flymq.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The broker answers real sockets: v1 produce with auto-creation, topics list, unknown opcode. */
class BrokerSmokeIT {
  @Test
  void shouldProduceToAnAutoCreatedTopicAndListIt() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      ByteBuffer value = ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8));
      RecordMetadata first =
          (RecordMetadata)
              client
                  .requestV1(new ProduceRequest("orders", ByteBuffer.allocate(0), value, -1))
                  .message();
      RecordMetadata second =
          (RecordMetadata)
              client
                  .requestV1(new ProduceRequest("orders", ByteBuffer.allocate(0), value, -1))
                  .message();

      assertThat(first.topic()).isEqualTo("orders");
      assertThat(first.offset()).isZero();
      assertThat(second.partition()).isEqualTo((first.partition() + 1) % 3);
      assertThat(first.keySize()).isEqualTo(-1);
      assertThat(first.valueSize()).isEqualTo(5);
      ListTopicsResponse topics =
          (ListTopicsResponse) client.requestV1(new EmptyRequest(Opcode.LIST_TOPICS)).message();
      assertThat(topics.topics()).containsExactly("orders");
    }
  }

  @Test
  void shouldAnswerAnUnknownOpcodeWithAnErrorAndKeepServing() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      client.sendRaw(ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, (byte) 0x99, 1, 0, 0, 0, 0}));
      ErrorResponse error = (ErrorResponse) client.read().message();

      assertThat(error.message()).startsWith("unknown opcode: 153");
      assertThat(client.requestV1(new EmptyRequest(Opcode.LIST_TOPICS)).message())
          .isInstanceOf(ListTopicsResponse.class);
    }
  }
}
