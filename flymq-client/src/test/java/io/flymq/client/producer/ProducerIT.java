package io.flymq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.client.errors.BufferExhaustedException;
import io.flymq.client.errors.ClientClosedException;
import io.flymq.client.errors.RecordTooLargeException;
import io.flymq.client.errors.TopicNotFoundException;
import io.flymq.client.serde.Serdes;
import io.flymq.client.testing.BrokerWithAdmin;
import io.flymq.client.testing.LogReader;
import io.flymq.client.testing.LogReader.Stored;
import io.flymq.protocol.KeyPartitioning;
import io.flymq.record.CompressionType;
import io.flymq.record.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The producer against a real broker in this JVM. */
class ProducerIT extends BrokerWithAdmin {
  private static int topics;

  private static String newTopic(int partitions) {
    String name = "producer-it-" + ++topics;
    admin.createTopic(name, partitions);
    return name;
  }

  private static FlyMQProducer<String, String> producer(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put("bootstrap.servers", broker.bootstrap());
    return new FlyMQProducer<>(props, Serdes.stringSerializer(), Serdes.stringSerializer());
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldWriteEveryRecordInOrderWithEveryCodec(CompressionType codec) {
    String topic = newTopic(1);
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    try (FlyMQProducer<String, String> producer =
        producer(Map.of("compression.type", codec.name().toLowerCase(), "linger.ms", "20"))) {
      for (int i = 0; i < 2000; i++) {
        String key = i % 7 == 0 ? null : "k" + i;
        ProducerRecord<String, String> record =
            new ProducerRecord<>(
                topic,
                null,
                1_700_000_000_000L + i,
                key,
                "value-" + i,
                List.of(Header.of("h", new byte[] {(byte) i})));
        futures.add(producer.send(record));
      }
      producer.flush();
    }
    for (int i = 0; i < futures.size(); i++) {
      RecordMetadata metadata = futures.get(i).join();
      assertThat(metadata.offset()).isEqualTo(i);
      assertThat(metadata.timestamp()).isEqualTo(1_700_000_000_000L + i);
    }
    List<Stored> stored = LogReader.readAll(admin, topic, 0);
    assertThat(stored).hasSize(2000);
    for (int i = 0; i < 2000; i++) {
      assertThat(stored.get(i).offset()).isEqualTo(i);
      assertThat(stored.get(i).value()).isEqualTo("value-" + i);
      assertThat(stored.get(i).key()).isEqualTo(i % 7 == 0 ? null : "k" + i);
      assertThat(stored.get(i).headerCount()).isEqualTo(1);
    }
  }

  @Test
  void shouldPlaceKeysAsTheBrokerDoesAndKeepTheirOrder() {
    String topic = newTopic(3);
    Map<String, List<RecordMetadata>> byKey = new HashMap<>();
    try (FlyMQProducer<String, String> producer = producer(Map.of())) {
      List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < 1500; i++) {
        futures.add(producer.send(ProducerRecord.of(topic, "key-" + i % 50, "v" + i)));
      }
      producer.flush();
      for (int i = 0; i < futures.size(); i++) {
        byKey.computeIfAbsent("key-" + i % 50, k -> new ArrayList<>()).add(futures.get(i).join());
      }
    }
    byKey.forEach(
        (key, metadata) -> {
          int expected =
              KeyPartitioning.partition(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), 3);
          assertThat(metadata).allMatch(m -> m.partition() == expected);
          assertThat(metadata.stream().map(RecordMetadata::offset).collect(Collectors.toList()))
              .isSorted();
        });
    int total = 0;
    for (int p = 0; p < 3; p++) {
      total += LogReader.readAll(admin, topic, p).size();
    }
    assertThat(total).isEqualTo(1500);
  }

  @Test
  void shouldServeEightThreadsSharingOneProducer() throws Exception {
    String topic = newTopic(4);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (FlyMQProducer<String, String> producer = producer(Map.of("linger.ms", "2"))) {
      List<Future<List<CompletableFuture<RecordMetadata>>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            threads.submit(
                () -> {
                  List<CompletableFuture<RecordMetadata>> mine = new ArrayList<>();
                  for (int i = 0; i < 1000; i++) {
                    mine.add(
                        producer.send(
                            ProducerRecord.of(topic, "t" + thread, "t" + thread + "-" + i)));
                  }
                  return mine;
                }));
      }
      for (Future<List<CompletableFuture<RecordMetadata>>> result : results) {
        List<CompletableFuture<RecordMetadata>> mine = result.get();
        long previous = -1;
        for (CompletableFuture<RecordMetadata> future : mine) {
          long offset = future.join().offset();
          assertThat(offset).isGreaterThan(previous);
          previous = offset;
        }
      }
    } finally {
      threads.shutdownNow();
    }
    int total = 0;
    for (int p = 0; p < 4; p++) {
      total += LogReader.readAll(admin, topic, p).size();
    }
    assertThat(total).isEqualTo(8000);
  }

  @Test
  void shouldSpreadKeylessRecordsOverPartitionsBatchByBatch() {
    String topic = newTopic(3);
    try (FlyMQProducer<String, String> producer = producer(Map.of("batch.size", "1024"))) {
      for (int i = 0; i < 3000; i++) {
        producer.send(ProducerRecord.of(topic, "value-" + i));
      }
      producer.flush();
    }
    for (int p = 0; p < 3; p++) {
      assertThat(LogReader.readAll(admin, topic, p)).isNotEmpty();
    }
  }

  @Test
  void shouldSendFromTheCallingThreadWithoutLinger() {
    String topic = newTopic(2);
    try (FlyMQProducer<String, String> producer =
        producer(Map.of("linger.ms", "0", "max.in.flight.requests.per.connection", "1"))) {
      for (int i = 0; i < 300; i++) {
        RecordMetadata metadata =
            producer.send(new ProducerRecord<>(topic, i % 2, null, null, "sync-" + i, null)).join();
        assertThat(metadata.offset()).isEqualTo(i / 2);
      }
    }
    assertThat(LogReader.readAll(admin, topic, 1)).hasSize(150);
  }

  @Test
  void shouldFailRecordsForAMissingTopicWithAHint() {
    try (FlyMQProducer<String, String> producer = producer(Map.of())) {
      CompletableFuture<RecordMetadata> future =
          producer.send(ProducerRecord.of("no-such-topic", "x"));
      assertThatThrownBy(future::join)
          .hasCauseInstanceOf(TopicNotFoundException.class)
          .hasMessageContaining("no-such-topic")
          .hasMessageContaining("Create the topic");
    }
  }

  @Test
  void shouldRefuseARecordLargerThanMaxRequestSize() {
    String topic = newTopic(1);
    List<Exception> seen = new ArrayList<>();
    try (FlyMQProducer<String, String> producer = producer(Map.of("max.request.size", "1000"))) {
      CompletableFuture<RecordMetadata> future =
          producer.send(ProducerRecord.of(topic, "x".repeat(2000)), (m, e) -> seen.add(e));
      assertThatThrownBy(future::join)
          .hasCauseInstanceOf(RecordTooLargeException.class)
          .hasMessageContaining("max.request.size");
    }
    assertThat(seen).singleElement().isInstanceOf(RecordTooLargeException.class);
  }

  @Test
  void shouldFailFastWhenTheBufferIsFullAndThePolicyIsFail() {
    String topic = newTopic(1);
    try (FlyMQProducer<String, String> producer =
        producer(
            Map.of(
                "buffer.memory", "4096",
                "max.request.size", "4096",
                "buffer.full.policy", "fail",
                "linger.ms", "60000",
                "batch.size", "1000000"))) {
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 100; i++) {
                  producer.send(ProducerRecord.of(topic, "y".repeat(100)));
                }
              })
          .isInstanceOf(BufferExhaustedException.class)
          .hasMessageContaining("buffer.memory");
    }
  }

  @Test
  void shouldRefuseSendsAfterCloseAndReleaseItsThreads() {
    String topic = newTopic(1);
    FlyMQProducer<String, String> producer = producer(Map.of());
    producer.send(ProducerRecord.of(topic, "before close")).join();
    producer.close();
    assertThatThrownBy(() -> producer.send(ProducerRecord.of(topic, "after")))
        .isInstanceOf(ClientClosedException.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().contains(producer.client().config().clientId())));
  }

  @Test
  void shouldReportBadSettingsAllAtOnce() {
    assertThatThrownBy(
            () ->
                ProducerConfig.fromProperties(
                    Map.of("bootstrap.servers", "localhost", "acks", "2", "lingr.ms", "5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acks: 2 (expected: all, -1, 1 or 0)")
        .hasMessageContaining("did you mean linger.ms?")
        .hasMessageContaining("bootstrap.servers: localhost");
  }
}
