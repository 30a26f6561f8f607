package io.flymq.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.protocol.message.core.ConsumeRequest;
import io.flymq.protocol.message.core.ConsumeResponse;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.protocol.message.core.FetchRequest;
import io.flymq.protocol.message.core.FetchResponse;
import io.flymq.protocol.message.core.FetchResponse.FetchedMessage;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.record.CompressionType;
import io.flymq.record.RecordBatchBuilder;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CONSUME, CONSUME_ZERO_COPY, FETCH and FETCH_BINARY over real sockets (WIRE-V1 7.2, 7.3, 7.8). */
class ConsumeIT {
  private static TestBroker broker;
  private static WireClient client;

  @BeforeAll
  static void start() throws Exception {
    broker = TestBroker.start();
    client = broker.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    broker.close();
  }

  static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  static String text(ByteBuffer bytes) {
    return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
  }

  static void createTopic(WireClient client, String topic, int partitions) throws Exception {
    assertThat(client.requestV1(new CreateTopicRequest(topic, partitions)).message())
        .isInstanceOf(AckResponse.class);
  }

  static long produce(WireClient client, String topic, int partition, String key, String value)
      throws Exception {
    Message reply =
        client.requestV1(new ProduceRequest(topic, utf8(key), utf8(value), partition)).message();
    return ((RecordMetadata) reply).offset();
  }

  private static String error(Message request) throws Exception {
    Message reply = client.requestV1(request).message();
    assertThat(reply).isInstanceOf(ErrorResponse.class);
    return ((ErrorResponse) reply).message();
  }

  private static FetchResponse fetch(String topic, long offset, int max, String filter)
      throws Exception {
    return (FetchResponse)
        client.requestV1(new FetchRequest(Opcode.FETCH, topic, 0, offset, max, filter)).message();
  }

  private static List<String> values(FetchResponse response) {
    return response.messages().stream().map(m -> text(m.value())).toList();
  }

  @Test
  void shouldConsumeTheExactRecordAtAnOffsetAfterV1Produce() throws Exception {
    createTopic(client, "consume-v1", 1);
    produce(client, "consume-v1", 0, "k0", "v0");
    produce(client, "consume-v1", 0, "", "v1");

    ConsumeResponse first =
        (ConsumeResponse)
            client.requestV1(new ConsumeRequest(Opcode.CONSUME, "consume-v1", 0, 0)).message();
    ConsumeResponse second =
        (ConsumeResponse)
            client.requestV1(new ConsumeRequest(Opcode.CONSUME, "consume-v1", 0, 1)).message();

    assertThat(text(first.key())).isEqualTo("k0");
    assertThat(text(first.value())).isEqualTo("v0");
    assertThat(second.key().remaining()).isZero();
    assertThat(text(second.value())).isEqualTo("v1");
  }

  @Test
  void shouldAnswerConsumeZeroCopyWithItsOwnOpcodeAndTheConsumePayload() throws Exception {
    createTopic(client, "consume-zc", 1);
    produce(client, "consume-zc", 0, "k", "value");

    WireClient.Reply reply =
        client.requestV1(new ConsumeRequest(Opcode.CONSUME_ZERO_COPY, "consume-zc", 0, 0));
    ConsumeResponse response = (ConsumeResponse) reply.message();

    assertThat(reply.header().opcode()).isEqualTo(Opcode.CONSUME_ZERO_COPY.code());
    assertThat(text(response.key())).isEqualTo("k");
    assertThat(text(response.value())).isEqualTo("value");
  }

  @Test
  void shouldAnswerConsumeErrorsWithTheReferenceTexts() throws Exception {
    createTopic(client, "consume-errors", 2);
    produce(client, "consume-errors", 0, "", "a");
    produce(client, "consume-errors", 0, "", "b");

    assertThat(error(new ConsumeRequest(Opcode.CONSUME, "no-such-topic", 0, 0)))
        .startsWith("topic not found")
        .doesNotContain("no-such-topic");
    assertThat(error(new ConsumeRequest(Opcode.CONSUME, "consume-errors", 2, 0)))
        .startsWith("partition 2 out of range");
    assertThat(error(new ConsumeRequest(Opcode.CONSUME, "consume-errors", 0, 2)))
        .startsWith("offset out of range: consume-errors[0] offset 2 (log start 0, log end 2)");
    assertThat(error(new ConsumeRequest(Opcode.CONSUME, "consume-errors", 1, 0)))
        .startsWith("offset out of range: consume-errors[1] offset 0 (log start 0, log end 0)");
    ErrorResponse structured =
        (ErrorResponse)
            client.requestV1(new ConsumeRequest(Opcode.CONSUME, "consume-errors", 0, 9)).message();
    assertThat(structured.code()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE.code());
  }

  @Test
  void shouldFetchUpToMaxMessagesWithOffsetsAndNextOffset() throws Exception {
    createTopic(client, "fetch-max", 1);
    for (int i = 0; i < 25; i++) {
      produce(client, "fetch-max", 0, "k" + i, "v" + i);
    }

    FetchResponse three = fetch("fetch-max", 4, 3, "");
    FetchResponse defaultCount = fetch("fetch-max", 0, 0, "");
    FetchResponse tail = fetch("fetch-max", 20, 100, "");
    FetchResponse atEnd = fetch("fetch-max", 25, 10, "");
    FetchResponse pastEnd = fetch("fetch-max", 40, 10, "");

    assertThat(three.messages()).extracting(FetchedMessage::offset).containsExactly(4L, 5L, 6L);
    assertThat(text(three.messages().get(0).key())).isEqualTo("k4");
    assertThat(values(three)).containsExactly("v4", "v5", "v6");
    assertThat(three.nextOffset()).isEqualTo(7);
    assertThat(defaultCount.messages()).hasSize(10);
    assertThat(tail.messages()).hasSize(5);
    assertThat(tail.nextOffset()).isEqualTo(25);
    assertThat(atEnd.messages()).isEmpty();
    assertThat(atEnd.nextOffset()).isEqualTo(25);
    assertThat(pastEnd.messages()).isEmpty();
    assertThat(pastEnd.nextOffset()).isEqualTo(40);
  }

  @Test
  void shouldFilterBySubstringRegexAndJsonPath() throws Exception {
    createTopic(client, "fetch-filter", 1);
    produce(client, "fetch-filter", 0, "user-1", "{\"order\":{\"id\":1},\"note\":\"Hello\"}");
    produce(client, "fetch-filter", 0, "user-2", "plain text ERROR 42");
    produce(client, "fetch-filter", 0, "admin", "{\"user\":\"x\"}");
    produce(client, "fetch-filter", 0, "user-3", "nothing to see");

    assertThat(values(fetch("fetch-filter", 0, 10, "error")))
        .containsExactly("plain text ERROR 42");
    assertThat(fetch("fetch-filter", 0, 10, "ADMIN").messages())
        .extracting(FetchedMessage::offset)
        .containsExactly(2L);
    assertThat(fetch("fetch-filter", 0, 10, "ERROR [0-9]+$").messages())
        .extracting(FetchedMessage::offset)
        .containsExactly(1L);
    assertThat(fetch("fetch-filter", 0, 10, "$.order.id").messages())
        .extracting(FetchedMessage::offset)
        .containsExactly(0L);
    assertThat(fetch("fetch-filter", 0, 10, "$.order.missing").messages()).isEmpty();
    assertThat(fetch("fetch-filter", 0, 10, "user-[23]").messages())
        .extracting(FetchedMessage::offset)
        .containsExactly(1L, 3L);
    // Not a valid expression: used as a substring only.
    assertThat(fetch("fetch-filter", 0, 10, "(unclosed").messages()).isEmpty();
  }

  @Test
  void shouldSetNextOffsetAfterTheLastExaminedRecordWhenTheFilterStopsEarly() throws Exception {
    createTopic(client, "fetch-next", 1);
    for (int i = 0; i < 6; i++) {
      produce(client, "fetch-next", 0, "", i % 2 == 0 ? "even" : "odd");
    }

    FetchResponse firstOdd = fetch("fetch-next", 0, 1, "odd");
    FetchResponse noneMatch = fetch("fetch-next", 0, 10, "absent");

    assertThat(firstOdd.messages()).extracting(FetchedMessage::offset).containsExactly(1L);
    assertThat(firstOdd.nextOffset()).isEqualTo(2);
    assertThat(noneMatch.messages()).isEmpty();
    assertThat(noneMatch.nextOffset()).isEqualTo(6);
  }

  @Test
  void shouldAnswerFetchBinaryWithItsOwnOpcode() throws Exception {
    createTopic(client, "fetch-binary", 1);
    produce(client, "fetch-binary", 0, "", "x");

    WireClient.Reply reply =
        client.requestV1(new FetchRequest(Opcode.FETCH_BINARY, "fetch-binary", 0, 0, 5, ""));

    assertThat(reply.header().opcode()).isEqualTo(Opcode.FETCH_BINARY.code());
    assertThat(values((FetchResponse) reply.message())).containsExactly("x");
  }

  @Test
  void shouldAnswerFetchErrorsWithTheReferenceTexts() throws Exception {
    createTopic(client, "fetch-errors", 1);

    assertThat(error(new FetchRequest(Opcode.FETCH, "nope", 0, 0, 10, "")))
        .startsWith("topic not found: nope");
    assertThat(error(new FetchRequest(Opcode.FETCH, "fetch-errors", 3, 0, 10, "")))
        .startsWith("partition 3 not found");
  }

  @Test
  void shouldConsumeAndFetchRecordsOfV2BatchesIncludingCompressedOnes() throws Exception {
    createTopic(client, "consume-v2", 1);
    produceBatch("consume-v2", CompressionType.NONE, "a", "b", "c");
    produceBatch("consume-v2", CompressionType.GZIP, "d", "e");

    ConsumeResponse middle =
        (ConsumeResponse)
            client.requestV1(new ConsumeRequest(Opcode.CONSUME, "consume-v2", 0, 1)).message();
    ConsumeResponse compressed =
        (ConsumeResponse)
            client.requestV1(new ConsumeRequest(Opcode.CONSUME, "consume-v2", 0, 4)).message();
    FetchResponse fromInsideABatch = fetch("consume-v2", 2, 10, "");

    assertThat(text(middle.value())).isEqualTo("b");
    assertThat(text(middle.key())).isEqualTo("key-b");
    assertThat(text(compressed.value())).isEqualTo("e");
    assertThat(values(fromInsideABatch)).containsExactly("c", "d", "e");
    assertThat(fromInsideABatch.messages())
        .extracting(FetchedMessage::offset)
        .containsExactly(2L, 3L, 4L);
    assertThat(fromInsideABatch.nextOffset()).isEqualTo(5);
  }

  private static void produceBatch(String topic, CompressionType compression, String... values)
      throws Exception {
    RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
    for (String value : values) {
      builder.append(System.currentTimeMillis(), utf8("key-" + value), utf8(value));
    }
    client.sendV2(1, new ProduceBatchRequest(topic, 0, (short) -1, 30_000, builder.build()));
    ProduceBatchResponse response = (ProduceBatchResponse) client.read().message();
    assertThat(response.errorCode()).isEqualTo(ErrorCode.NONE);
  }
}
