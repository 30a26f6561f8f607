package io.flymq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.errors.OffsetOutOfRangeException;
import io.flymq.client.errors.TopicNotFoundException;
import io.flymq.client.serde.Serdes;
import io.flymq.client.testing.BrokerWithAdmin;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.record.CompressionType;
import io.flymq.record.Header;
import io.flymq.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsumerIT extends BrokerWithAdmin {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration EVENTUALLY = Duration.ofSeconds(20);
  private static final AtomicInteger TOPICS = new AtomicInteger();

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldReturnRecordsInOrderForEveryCompressionType(CompressionType compression) {
    String topic = newTopic(1);
    produce(topic, 0, compression, 0, 50);
    produce(topic, 0, compression, 50, 50);

    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));

      List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 100);

      assertThat(records).extracting(ConsumerRecord::offset).containsExactlyElementsOf(range(100));
      assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(values(100));
      assertThat(consumer.position(tp)).isEqualTo(100);
    }
  }

  @Test
  void shouldDeliverKeysHeadersAndNullValues() {
    String topic = newTopic(1);
    RecordBatchBuilder batch = new RecordBatchBuilder();
    batch.append(1_000, bytes("k1"), bytes("v1"), Header.of("trace", bytes("t1")));
    batch.append(1_001, (byte[]) null, (byte[]) null);
    batch.append(1_002, bytes("k3"), bytes("v3"), Header.of("a", null), Header.of("b", bytes("")));
    send(topic, 0, batch.build());

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest"))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));

      List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 3);

      ConsumerRecord<String, String> first = records.get(0);
      assertThat(first.key()).isEqualTo("k1");
      assertThat(first.value()).isEqualTo("v1");
      assertThat(first.timestamp()).isEqualTo(1_000);
      assertThat(first.headers()).extracting(Header::key).containsExactly("trace");
      assertThat(text(first.headers().get(0).value())).isEqualTo("t1");
      assertThat(records.get(1).key()).isNull();
      assertThat(records.get(1).value()).isNull();
      assertThat(records.get(1).headers()).isEmpty();
      assertThat(records.get(2).headers()).extracting(Header::key).containsExactly("a", "b");
      assertThat(records.get(2).headers().get(0).value()).isNull();
    }
  }

  @Test
  void shouldReadEveryPartitionOfASubscribedTopic() {
    String topic = newTopic(3);
    for (int p = 0; p < 3; p++) {
      produce(topic, p, CompressionType.NONE, p * 100, 10);
    }

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest", "max.poll.records", "7"))) {
      consumer.subscribe(List.of(topic));

      List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 30);

      assertThat(consumer.subscription()).containsExactly(topic);
      assertThat(consumer.assignment())
          .containsExactlyInAnyOrder(
              new TopicPartition(topic, 0),
              new TopicPartition(topic, 1),
              new TopicPartition(topic, 2));
      for (int p = 0; p < 3; p++) {
        int partition = p;
        assertThat(records.stream().filter(r -> r.partition() == partition))
            .extracting(ConsumerRecord::offset)
            .containsExactlyElementsOf(range(10));
      }
    }
  }

  @Test
  void shouldNeverReturnMoreThanMaxPollRecords() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.LZ4, 0, 40);

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest", "max.poll.records", "3"))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      List<Long> offsets = new ArrayList<>();
      await()
          .pollInSameThread()
          .atMost(EVENTUALLY)
          .until(
              () -> {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                assertThat(records.count()).isLessThanOrEqualTo(3);
                records.forEach(r -> offsets.add(r.offset()));
                return offsets.size() >= 40;
              });
      assertThat(offsets).containsExactlyElementsOf(range(40));
    }
  }

  @Test
  void shouldSkipRecordsBelowThePositionInsideABatch() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.GZIP, 0, 10);
    TopicPartition tp = new TopicPartition(topic, 0);

    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, 6);

      List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 4);

      assertThat(records).extracting(ConsumerRecord::offset).containsExactly(6L, 7L, 8L, 9L);
    }
  }

  @Test
  void shouldSeekAndReportPositions() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 20);
    TopicPartition tp = new TopicPartition(topic, 0);

    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      consumer.assign(List.of(tp));
      // auto.offset.reset=latest: the start is the log end.
      assertThat(consumer.position(tp)).isEqualTo(20);
      assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 0L);
      assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, 20L);

      consumer.seekToBeginning(List.of(tp));
      assertThat(consumer.position(tp)).isZero();
      assertThat(pollAtLeast(consumer, 20)).hasSize(20);
      assertThat(consumer.position(tp)).isEqualTo(20);

      consumer.seek(tp, 15);
      assertThat(pollAtLeast(consumer, 5))
          .extracting(ConsumerRecord::offset)
          .containsExactlyElementsOf(range(15, 20));

      consumer.seekToEnd(List.of(tp));
      produce(topic, 0, CompressionType.NONE, 20, 2);
      assertThat(pollAtLeast(consumer, 2))
          .extracting(ConsumerRecord::offset)
          .containsExactly(20L, 21L);
    }
  }

  @Test
  void shouldDropBufferedRecordsWhenSeekingBack() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 30);
    TopicPartition tp = new TopicPartition(topic, 0);

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest", "max.poll.records", "5"))) {
      consumer.assign(List.of(tp));
      pollAtLeast(consumer, 5);
      consumer.seek(tp, 2);

      List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 3);

      assertThat(records.get(0).offset()).isEqualTo(2);
    }
  }

  @Test
  void shouldStopReturningPausedPartitionsUntilResumed() {
    String topic = newTopic(2);
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    produce(topic, 0, CompressionType.NONE, 0, 5);
    produce(topic, 1, CompressionType.NONE, 0, 5);

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest"))) {
      consumer.assign(List.of(p0, p1));
      consumer.pause(List.of(p1));
      assertThat(consumer.paused()).containsExactly(p1);

      List<ConsumerRecord<String, String>> first = pollAtLeast(consumer, 5);
      // More polls while paused return nothing of p1.
      for (int i = 0; i < 3; i++) {
        assertThat(consumer.poll(POLL).records(p1)).isEmpty();
      }
      consumer.resume(List.of(p1));
      List<ConsumerRecord<String, String>> second = pollAtLeast(consumer, 5);

      assertThat(first).allMatch(r -> r.partition() == 0);
      assertThat(second).allMatch(r -> r.partition() == 1);
      assertThat(consumer.paused()).isEmpty();
    }
  }

  @Test
  void shouldResumeFromTheCommittedOffsetInANewConsumer() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.SNAPPY, 0, 10);
    TopicPartition tp = new TopicPartition(topic, 0);
    Map<String, String> settings =
        Map.of(
            "group.id", "g-" + topic,
            "enable.auto.commit", "false",
            "auto.offset.reset", "earliest",
            "max.poll.records", "4");

    try (FlyMQConsumer<String, String> consumer = consumer(settings)) {
      consumer.assign(List.of(tp));
      assertThat(consumer.committed(Set.of(tp))).isEmpty();
      List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 1);
      consumer.commitSync();
      long committed = records.get(records.size() - 1).offset() + 1;
      assertThat(consumer.committed(Set.of(tp))).containsEntry(tp, OffsetAndMetadata.of(committed));

      consumer.commitSync(Map.of(tp, OffsetAndMetadata.of(7)));
    }

    try (FlyMQConsumer<String, String> consumer = consumer(settings)) {
      consumer.assign(List.of(tp));
      assertThat(consumer.position(tp)).isEqualTo(7);
      assertThat(pollAtLeast(consumer, 3))
          .extracting(ConsumerRecord::offset)
          .containsExactly(7L, 8L, 9L);
    }
  }

  @Test
  void shouldCommitAsynchronouslyAndTellTheCallback() {
    String topic = newTopic(1);
    TopicPartition tp = new TopicPartition(topic, 0);
    CompletableFuture<Exception> outcome = new CompletableFuture<>();

    try (FlyMQConsumer<String, String> consumer = consumer(Map.of("group.id", "g-" + topic))) {
      consumer.assign(List.of(tp));
      consumer.commitAsync(Map.of(tp, OffsetAndMetadata.of(0)), (o, e) -> outcome.complete(e));

      assertThat(outcome.join()).isNull();
      assertThat(consumer.committed(Set.of(tp))).containsEntry(tp, OffsetAndMetadata.of(0));
    }
  }

  @Test
  void shouldAutoCommitReturnedPositions() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.ZSTD, 0, 10);
    TopicPartition tp = new TopicPartition(topic, 0);
    Map<String, String> settings =
        Map.of(
            "group.id", "g-" + topic,
            "auto.offset.reset", "earliest",
            "auto.commit.interval.ms", "50");

    try (FlyMQConsumer<String, String> consumer = consumer(settings)) {
      consumer.assign(List.of(tp));
      pollAtLeast(consumer, 10);
      await()
          .pollInSameThread()
          .atMost(EVENTUALLY)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(60));
                return OffsetAndMetadata.of(10).equals(consumer.committed(Set.of(tp)).get(tp));
              });
      consumer.seek(tp, 4);
    }
    // close() auto-commits the position once more.
    assertThat(admin.committedOffset(topic, "g-" + topic, 0)).isEqualTo(4);
  }

  @Test
  void shouldFindOffsetsForTimestamps() {
    String topic = newTopic(1);
    RecordBatchBuilder batch = new RecordBatchBuilder();
    for (int i = 0; i < 5; i++) {
      batch.append(10_000 + i * 1_000L, (byte[]) null, bytes("v" + i));
    }
    send(topic, 0, batch.build());
    TopicPartition tp = new TopicPartition(topic, 0);

    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      Map<TopicPartition, OffsetAndTimestamp> middle =
          consumer.offsetsForTimes(Map.of(tp, 11_500L));
      Map<TopicPartition, OffsetAndTimestamp> tooLate =
          consumer.offsetsForTimes(Map.of(tp, 99_000L));

      assertThat(middle.get(tp)).isEqualTo(new OffsetAndTimestamp(2, 11_500));
      assertThat(tooLate).containsKey(tp);
      assertThat(tooLate.get(tp)).isNull();
    }
  }

  @Test
  void shouldThrowOffsetOutOfRangeWithoutAResetPolicy() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 3);
    TopicPartition tp = new TopicPartition(topic, 0);

    try (FlyMQConsumer<String, String> consumer = consumer(Map.of("auto.offset.reset", "none"))) {
      consumer.assign(List.of(tp));
      assertThatThrownBy(() -> consumer.poll(POLL))
          .isInstanceOf(OffsetOutOfRangeException.class)
          .hasMessageContaining("auto.offset.reset is none");

      consumer.seek(tp, 50);
      await()
          .pollInSameThread()
          .atMost(EVENTUALLY)
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> consumer.poll(POLL))
                      .isInstanceOf(OffsetOutOfRangeException.class)
                      .hasMessageContaining("position 50 is outside the log"));

      consumer.seek(tp, 1);
      assertThat(pollAtLeast(consumer, 2))
          .extracting(ConsumerRecord::offset)
          .containsExactly(1L, 2L);
    }
  }

  @Test
  void shouldResetAnOutOfRangePositionByThePolicy() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 3);
    TopicPartition tp = new TopicPartition(topic, 0);

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest"))) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, 1_000);

      assertThat(pollAtLeast(consumer, 3))
          .extracting(ConsumerRecord::offset)
          .containsExactly(0L, 1L, 2L);
    }
  }

  @Test
  void shouldReportADeserializationFailureWithItsPosition() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 3);
    TopicPartition tp = new TopicPartition(topic, 0);
    ConsumerConfig config = config(Map.of("auto.offset.reset", "earliest"));

    try (FlyMQConsumer<String, String> consumer =
        new FlyMQConsumer<>(
            config,
            Serdes.stringDeserializer(),
            (t, data) -> {
              String value = new String(data, StandardCharsets.UTF_8);
              if (value.equals("value-1")) {
                throw new IllegalArgumentException("not a value: " + value);
              }
              return value;
            })) {
      consumer.assign(List.of(tp));
      List<ConsumerRecord<String, String>> before = new ArrayList<>();
      await()
          .pollInSameThread()
          .atMost(EVENTUALLY)
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> consumer.poll(POLL).forEach(before::add))
                      .isInstanceOfSatisfying(
                          RecordDeserializationException.class,
                          e -> assertThat(e.offset()).isEqualTo(1)));

      assertThat(before).extracting(ConsumerRecord::offset).containsExactly(0L);
      assertThat(consumer.position(tp)).isEqualTo(1);
      consumer.seek(tp, 2);
      assertThat(pollAtLeast(consumer, 1)).extracting(ConsumerRecord::offset).containsExactly(2L);
    }
  }

  @Test
  void shouldThrowWhenTheTopicIsDeleted() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 1);

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest"))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      pollAtLeast(consumer, 1);
      admin.deleteTopic(topic);

      await()
          .pollInSameThread()
          .atMost(EVENTUALLY)
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> consumer.poll(POLL))
                      .isInstanceOf(TopicNotFoundException.class)
                      .hasMessageContaining(topic));
    }
  }

  @Test
  void shouldKeepConsumingAcrossABrokerRestart() throws Exception {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 3);

    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("auto.offset.reset", "earliest"))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      pollAtLeast(consumer, 3);
      broker.restart();
      // Polls during the outage back off and retry instead of failing.
      consumer.poll(POLL);
      await()
          .atMost(EVENTUALLY)
          .ignoreExceptions()
          .until(
              () -> {
                produce(topic, 0, CompressionType.NONE, 3, 2);
                return true;
              });

      assertThat(pollAtLeast(consumer, 2))
          .extracting(ConsumerRecord::offset)
          .containsExactly(3L, 4L);
    }
  }

  @Test
  void shouldThrowWakeupFromAPollInProgress() throws Exception {
    String topic = newTopic(1);

    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.wakeup();
      assertThatThrownBy(() -> consumer.poll(POLL)).isInstanceOf(WakeupException.class);

      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      Thread poller =
          new Thread(
              () -> {
                try {
                  consumer.poll(Duration.ofMinutes(5));
                  failure.complete(null);
                } catch (RuntimeException e) {
                  failure.complete(e);
                }
              });
      poller.start();
      await().atMost(EVENTUALLY).until(() -> poller.getState() == Thread.State.TIMED_WAITING);
      consumer.wakeup();
      poller.join();

      assertThat(failure.join()).isInstanceOf(WakeupException.class);
    }
  }

  @Test
  void shouldReleaseEveryThreadOnClose() {
    String topic = newTopic(1);
    produce(topic, 0, CompressionType.NONE, 0, 2);
    Set<Thread> before = clientThreads();

    FlyMQConsumer<String, String> consumer = consumer(Map.of("auto.offset.reset", "earliest"));
    consumer.assign(List.of(new TopicPartition(topic, 0)));
    pollAtLeast(consumer, 2);
    assertThat(clientThreads()).isNotEqualTo(before);
    consumer.close(Duration.ofSeconds(5));

    await().atMost(EVENTUALLY).until(() -> before.containsAll(clientThreads()));
    assertThatThrownBy(() -> consumer.poll(POLL)).isInstanceOf(IllegalStateException.class);
  }

  // ---- helpers ----

  private static Set<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("flymq-client-"))
        .collect(Collectors.toSet());
  }

  private static String newTopic(int partitions) {
    String topic = "consumer-it-" + TOPICS.incrementAndGet();
    admin.createTopic(topic, partitions);
    return topic;
  }

  private static ConsumerConfig config(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("bootstrap.servers", broker.bootstrap());
    all.put("fetch.max.wait.ms", "100");
    return ConsumerConfig.fromProperties(all);
  }

  private static FlyMQConsumer<String, String> consumer(Map<String, String> settings) {
    return new FlyMQConsumer<>(
        config(settings), Serdes.stringDeserializer(), Serdes.stringDeserializer());
  }

  /** Produces one batch of {@code count} records with values {@code value-<first + i>}. */
  private static void produce(
      String topic, int partition, CompressionType compression, int first, int count) {
    RecordBatchBuilder batch = new RecordBatchBuilder().compression(compression);
    for (int i = first; i < first + count; i++) {
      batch.append(System.currentTimeMillis(), bytes("key-" + i), bytes("value-" + i));
    }
    send(topic, partition, batch.build());
  }

  private static void send(String topic, int partition, ByteBuffer batch) {
    ProduceBatchResponse response =
        FlyMQClient.await(
            admin.produceBatchAsync(topic, partition, (short) 1, Duration.ofSeconds(5), batch));
    assertThat(response.errorCode()).isEqualTo(ErrorCode.NONE);
  }

  private static List<ConsumerRecord<String, String>> pollAtLeast(
      Consumer<String, String> consumer, int count) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    await()
        .pollInSameThread()
        .atMost(EVENTUALLY)
        .until(
            () -> {
              consumer.poll(POLL).forEach(records::add);
              return records.size() >= count;
            });
    return records;
  }

  private static List<Long> range(int count) {
    return range(0, count);
  }

  private static List<Long> range(long from, long to) {
    List<Long> offsets = new ArrayList<>();
    for (long i = from; i < to; i++) {
      offsets.add(i);
    }
    return offsets;
  }

  private static List<String> values(int count) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add("value-" + i);
    }
    return values;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(ByteBuffer buffer) {
    return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
  }
}
