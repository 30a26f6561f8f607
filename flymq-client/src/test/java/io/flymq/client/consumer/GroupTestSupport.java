package io.flymq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.serde.Serdes;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Shared pieces of the consumer-group integration tests (Group*IT). */
final class GroupTestSupport {
  static final Duration POLL = Duration.ofMillis(20);
  static final Duration EVENTUALLY = Duration.ofSeconds(60);

  private GroupTestSupport() {}

  /** Produces records {@code p<partition>-<first>}.. to one partition, in one batch. */
  static void produce(FlyMQClient admin, String topic, int partition, int first, int count) {
    RecordBatchBuilder batch = new RecordBatchBuilder();
    for (int i = first; i < first + count; i++) {
      batch.append(
          System.currentTimeMillis(),
          (byte[]) null,
          ("p" + partition + "-" + i).getBytes(StandardCharsets.UTF_8));
    }
    ProduceBatchResponse response =
        FlyMQClient.await(
            admin.produceBatchAsync(
                topic, partition, (short) 1, Duration.ofSeconds(10), batch.build()));
    assertThat(response.errorCode()).isEqualTo(ErrorCode.NONE);
  }

  static FlyMQConsumer<String, String> consumer(
      String bootstrap, String group, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", bootstrap);
    settings.put("group.id", group);
    settings.put("auto.offset.reset", "earliest");
    settings.putAll(extra);
    return new FlyMQConsumer<>(settings, Serdes.stringDeserializer(), Serdes.stringDeserializer());
  }

  /** Polls every consumer in turn, handing records to {@code sink}, until {@code done} holds. */
  static void pollAllUntil(
      Collection<? extends Consumer<String, String>> consumers,
      java.util.function.Consumer<ConsumerRecord<String, String>> sink,
      BooleanSupplier done) {
    await()
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .atMost(EVENTUALLY)
        .until(
            () -> {
              for (Consumer<String, String> consumer : consumers) {
                consumer.poll(POLL).forEach(sink);
              }
              return done.getAsBoolean();
            });
  }

  static void pollAllUntil(
      Collection<? extends Consumer<String, String>> consumers, BooleanSupplier done) {
    pollAllUntil(consumers, r -> {}, done);
  }

  /** Whether the assignments are disjoint, cover {@code partitions} and have these sizes. */
  static boolean splitAs(
      Collection<? extends Consumer<String, String>> consumers, int partitions, int... sizes) {
    Set<TopicPartition> all = new LinkedHashSet<>();
    List<Integer> actual = new ArrayList<>();
    for (Consumer<String, String> consumer : consumers) {
      Set<TopicPartition> owned = consumer.assignment();
      actual.add(owned.size());
      for (TopicPartition tp : owned) {
        if (!all.add(tp)) {
          return false;
        }
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int size : sizes) {
      expected.add(size);
    }
    actual.sort(null);
    expected.sort(null);
    return all.size() == partitions && actual.equals(expected);
  }

  /** Records every listener call. */
  static final class Recorder implements ConsumerRebalanceListener {
    final List<Set<TopicPartition>> revoked = new CopyOnWriteArrayList<>();
    final List<Set<TopicPartition>> assigned = new CopyOnWriteArrayList<>();
    final List<Set<TopicPartition>> lost = new CopyOnWriteArrayList<>();

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      revoked.add(Set.copyOf(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned.add(Set.copyOf(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      lost.add(Set.copyOf(partitions));
    }

    /** How many revocations and losses were reported so far, for {@link #revokedSince}. */
    record Mark(int revoked, int lost) {}

    Mark mark() {
      return new Mark(revoked.size(), lost.size());
    }

    /** The partitions revoked or lost since the {@code mark}. */
    Set<TopicPartition> revokedSince(Mark mark) {
      Set<TopicPartition> all = new LinkedHashSet<>();
      revoked.subList(mark.revoked(), revoked.size()).forEach(all::addAll);
      lost.subList(mark.lost(), lost.size()).forEach(all::addAll);
      return all;
    }

    int calls() {
      return revoked.size() + assigned.size() + lost.size();
    }
  }
}
