package io.flymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One connection pipelining far more v1 requests than {@code max_inflight_requests_per_connection}
 * (the broker stops reading the connection at the limit) still gets every response, in request
 * order (v1 has no correlation id).
 */
class BackpressureIT {
  private static final int REQUESTS = 5_000;

  @Test
  void shouldAnswerEveryPipelinedV1RequestInOrderPastTheInflightLimit() throws Exception {
    try (TestBroker broker =
            TestBroker.start(s -> s.put("max_inflight_requests_per_connection", "4"));
        WireClient client = broker.connect()) {
      assertThat(client.requestV1(new CreateTopicRequest("pipelined", 1)).message())
          .isEqualTo(new AckResponse(Opcode.CREATE_TOPIC, true));
      ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
      for (int i = 0; i < REQUESTS; i++) {
        // Every tenth request is a LIST_TOPICS, so the order check also spans handlers.
        var request =
            i % 10 == 9
                ? new EmptyRequest(Opcode.LIST_TOPICS)
                : new ProduceRequest(
                    "pipelined", ByteBuffer.allocate(0), ByteBuffer.wrap(value(i)), 0);
        ByteBuffer frame = MessageCodec.encodeRequest(FrameHeader.V1, 0, 1, request);
        pipeline.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
      }
      byte[] bytes = pipeline.toByteArray();
      // Written from another thread: the broker stops reading at 4 in flight, so a large write
      // only completes while this thread reads the responses.
      CompletableFuture<Void> written =
          CompletableFuture.runAsync(
              () -> {
                try {
                  client.sendRaw(ByteBuffer.wrap(bytes));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });

      long expectedOffset = 0;
      for (int i = 0; i < REQUESTS; i++) {
        WireClient.Reply reply = client.read();
        if (i % 10 == 9) {
          assertThat(reply.expect(ListTopicsResponse.class).topics())
              .as("response %d", i)
              .containsExactly("pipelined");
        } else {
          RecordMetadata meta = reply.expect(RecordMetadata.class);
          assertThat(meta.offset()).as("response %d", i).isEqualTo(expectedOffset++);
          assertThat(meta.valueSize()).as("response %d", i).isEqualTo(value(i).length);
        }
      }
      written.get(30, TimeUnit.SECONDS);
    }
  }

  private static byte[] value(int i) {
    return ("pipelined-" + i).getBytes(StandardCharsets.UTF_8);
  }
}
