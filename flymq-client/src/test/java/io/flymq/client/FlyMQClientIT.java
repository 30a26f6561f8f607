package io.flymq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.client.errors.BrokerUnavailableException;
import io.flymq.client.errors.ClientClosedException;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.errors.OffsetOutOfRangeException;
import io.flymq.client.errors.TopicNotFoundException;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.IsolationLevel;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.protocol.message.version.ApiVersionsResponse.ApiVersion;
import io.flymq.server.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The low-level client's operations against a real broker, over v2 and v1. */
class FlyMQClientIT {
  private static TestBroker broker;
  private static int topics;

  @BeforeAll
  static void start() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stop() throws Exception {
    broker.close();
  }

  private static FlyMQClient client(int version) {
    return FlyMQClient.builder()
        .bootstrapServers(broker.bootstrap())
        .protocolVersion(version)
        .build();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void shouldServeEveryOperationInBothProtocolVersions(int version) {
    String topic = "ops-v" + version + "-" + ++topics;
    try (FlyMQClient client = client(version)) {
      client.createTopic(topic, 2);
      assertThat(client.listTopics()).contains(topic);
      assertThat(client.topic(topic)).isEqualTo(new TopicInfo(topic, 2, 1));

      RecordMetadata first = client.produce(topic, 1, "k".getBytes(), "v0".getBytes());
      client.produce(topic, 1, null, "v1".getBytes());
      assertThat(first.partition()).isEqualTo(1);
      assertThat(first.offset()).isZero();
      assertThat(utf8(client.consume(topic, 1, 1).value())).isEqualTo("v1");
      assertThat(client.fetch(topic, 1, 0, 10, "").messages()).hasSize(2);

      assertThat(client.subscribe(topic, "", 1, "earliest")).isZero();
      assertThat(client.subscribe(topic, "", 1, "latest")).isEqualTo(2);
      client.commit(topic, "g", 1, 1);
      assertThat(client.committedOffset(topic, "g", 1)).isEqualTo(1);
      client.resetOffset(topic, "g", 1, "latest", 0);
      assertThat(client.committedOffset(topic, "g", 1)).isEqualTo(2);
      client.resetOffset(topic, "g", 1, "offset", 0);
      assertThat(client.committedOffset(topic, "g", 1)).isZero();
      assertThat(client.offsetForTimestamp(topic, "", 1, 0)).isZero();
      assertThat(client.offsetForTimestamp(topic, "", 1, Long.MAX_VALUE)).isEqualTo(2);

      client.produce(topic, 0, null, "p0".getBytes());
      assertThat(client.listGroups())
          .contains(new GroupInfo(topic, "g", 0, new java.util.TreeMap<>(java.util.Map.of(1, 0L))));
      assertThat(client.describeGroup(topic, "g").committed()).containsEntry(1, 0L);
      assertThat(client.lag(topic, "g", 1)).isEqualTo(new GroupLag(0, 2, 2));
      assertThat(client.lag(topic, "g", 0)).isEqualTo(new GroupLag(0, 1, 1));
      client.deleteGroup(topic, "g");
      assertThatThrownBy(() -> client.describeGroup(topic, "g"))
          .isInstanceOf(FlyMQException.class)
          .hasMessageContaining("consumer group not found");

      client.deleteTopic(topic);
      assertThat(client.listTopics()).doesNotContain(topic);
    }
  }

  @Test
  void shouldListTheBrokersOperations() {
    try (FlyMQClient client = client(2)) {
      assertThat(client.apiVersions().apis())
          .extracting(ApiVersion::opcode)
          .contains(Opcode.PRODUCE_BATCH.code(), Opcode.FETCH_BATCHES.code());
    }
  }

  @Test
  void shouldTurnBrokerErrorsIntoTypedExceptionsWithHints() {
    try (FlyMQClient client = client(2)) {
      assertThatThrownBy(() -> client.topic("missing"))
          .isInstanceOf(TopicNotFoundException.class)
          .hasMessageContaining("missing")
          .satisfies(e -> assertThat(((FlyMQException) e).hint()).isNotEmpty());
      String topic = "errors-" + ++topics;
      client.createTopic(topic, 1);
      assertThatThrownBy(() -> client.consume(topic, 0, 5))
          .isInstanceOf(OffsetOutOfRangeException.class)
          .hasMessageContaining("offset out of range");
      assertThatThrownBy(() -> client.committedOffset(topic, "nobody", 0))
          .isInstanceOf(FlyMQException.class)
          .satisfies(
              e -> assertThat(((FlyMQException) e).code()).isEqualTo(ErrorCode.GROUP_NOT_FOUND));
    }
  }

  @Test
  void shouldAnswerAProduceWhileALongPollWaitsOnTheSameConnection() {
    String topic = "multiplex-" + ++topics;
    try (FlyMQClient client = client(2)) {
      client.createTopic(topic, 1);
      CompletableFuture<FetchBatchesResponse> poll =
          client.fetchBatchesAsync(
              new FetchBatchesRequest(
                  30_000,
                  1,
                  1 << 20,
                  IsolationLevel.READ_UNCOMMITTED,
                  List.of(new FetchBatchesRequest.FetchPartition(topic, 0, 0, 1 << 20))));
      client.produce(topic, 0, null, "wakes the poll".getBytes());
      FetchBatchesResponse answer = poll.join();
      assertThat(answer.partitions().get(0).records().remaining()).isPositive();
    }
  }

  @Test
  void shouldShareOneClientBetweenEightThreads() throws Exception {
    String topic = "threads-" + ++topics;
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (FlyMQClient client = client(2)) {
      client.createTopic(topic, 8);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int partition = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    assertThat(
                            client.produce(topic, partition, null, ("r" + i).getBytes()).offset())
                        .isEqualTo(i);
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void shouldReportAnUnreachableBrokerWithAHint() {
    try (FlyMQClient client =
        FlyMQClient.builder()
            .bootstrapServers("127.0.0.1:1")
            .retries(1, Duration.ofMillis(10), Duration.ofMillis(10))
            .build()) {
      assertThatThrownBy(client::listTopics)
          .isInstanceOf(BrokerUnavailableException.class)
          .hasMessageContaining("127.0.0.1")
          .hasMessageContaining("bootstrap.servers");
    }
  }

  @Test
  void shouldReportEveryBadSettingAtOnce() {
    assertThatThrownBy(
            () ->
                FlyMQClient.builder()
                    .set("bootstrap.servers", "nohost")
                    .set("request.timeout.ms", "-5")
                    .set("protocol.version", "3")
                    .set("retires", "2")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrap.servers: nohost (expected: host:port")
        .hasMessageContaining("request.timeout.ms: -5")
        .hasMessageContaining("protocol.version: 3")
        .hasMessageContaining("did you mean retries?");
  }

  @Test
  void shouldReleaseItsThreadsAndSocketAndRefuseWorkWhenClosed() {
    FlyMQClient client =
        FlyMQClient.builder()
            .bootstrapServers(broker.bootstrap())
            .clientId("closing-client")
            .build();
    client.listTopics();
    client.close();
    assertThatThrownBy(client::listTopics).isInstanceOf(ClientClosedException.class);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().contains("closing-client")));
  }

  private static String utf8(java.nio.ByteBuffer bytes) {
    return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
  }
}
