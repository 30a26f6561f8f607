package io.flymq.client.consumer;

import static io.flymq.client.consumer.GroupTestSupport.EVENTUALLY;
import static io.flymq.client.consumer.GroupTestSupport.consumer;
import static io.flymq.client.consumer.GroupTestSupport.produce;
import static io.flymq.client.consumer.GroupTestSupport.splitAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.errors.FlyMQException;
import io.flymq.server.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A group's committed offsets (with metadata) and its members' progress survive a restart. */
class GroupRestartIT {
  private static final int PARTITIONS = 4;
  private static final int RECORDS = 100;

  private static TestBroker broker;
  private static FlyMQClient admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start(settings -> settings.put("storage.sync", "always"));
    admin = FlyMQClient.builder().bootstrapServers(broker.bootstrap()).build();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    admin.close();
    broker.close();
  }

  @Test
  void shouldKeepCommittedOffsetsAndResumeTheGroupAfterABrokerRestart() throws Exception {
    String topic = "restart-it";
    String group = "g-restart";
    admin.createTopic(topic, PARTITIONS);
    for (int p = 0; p < PARTITIONS; p++) {
      produce(admin, topic, p, 0, RECORDS / 2);
    }
    Map<String, String> settings = Map.of("enable.auto.commit", "false", "max.poll.records", "10");
    List<FlyMQConsumer<String, String>> members = new ArrayList<>();
    BitSet[] processed = new BitSet[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      processed[p] = new BitSet();
    }
    Set<TopicPartition> all = new HashSet<>();
    for (int p = 0; p < PARTITIONS; p++) {
      all.add(new TopicPartition(topic, p));
    }
    try {
      for (int i = 0; i < 2; i++) {
        FlyMQConsumer<String, String> member = consumer(broker.bootstrap(), group, settings);
        member.subscribe(List.of(topic));
        members.add(member);
      }
      eventually(() -> processUntil(members, processed, RECORDS / 2) && committedAll(members, all));
      Map<TopicPartition, OffsetAndMetadata> before = members.get(0).committed(all);

      broker.restart();

      // GROUP_OFFSETS after the restart: the same offsets, with their metadata.
      assertThat(members.get(0).committed(all)).isEqualTo(before);
      assertThat(before.values())
          .containsOnly(new OffsetAndMetadata(RECORDS / 2, "at-" + RECORDS / 2));
      for (int p = 0; p < PARTITIONS; p++) {
        produce(admin, topic, p, RECORDS / 2, RECORDS / 2);
      }
      // The members were forgotten (membership is in memory): they rejoin, split the partitions
      // again and continue from the committed offsets.
      eventually(() -> processUntil(members, processed, RECORDS) && splitAs(members, 4, 2, 2));
      for (int p = 0; p < PARTITIONS; p++) {
        assertThat(processed[p].nextClearBit(0)).isEqualTo(RECORDS);
      }
    } finally {
      members.forEach(FlyMQConsumer::close);
    }
  }

  /** Processes what one poll of each member returns, committing with metadata. */
  private static boolean processUntil(
      List<FlyMQConsumer<String, String>> members, BitSet[] processed, int upTo) {
    for (FlyMQConsumer<String, String> member : members) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (ConsumerRecord<String, String> record : member.poll(GroupTestSupport.POLL)) {
        processed[record.partition()].set((int) record.offset());
        offsets.put(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1, "at-" + (record.offset() + 1)));
      }
      try {
        member.commitSync(offsets);
      } catch (FlyMQException e) {
        // Removed by the restart (UNKNOWN_MEMBER): the records are read again after the rejoin.
      }
    }
    for (BitSet partition : processed) {
      if (partition.nextClearBit(0) < upTo) {
        return false;
      }
    }
    return true;
  }

  /** Whether every partition's commit reached the records processed so far. */
  private static boolean committedAll(
      List<FlyMQConsumer<String, String>> members, Set<TopicPartition> all) {
    Map<TopicPartition, OffsetAndMetadata> committed = members.get(0).committed(all);
    return committed.size() == all.size()
        && committed.values().stream().allMatch(o -> o.offset() == RECORDS / 2);
  }

  private static void eventually(java.util.concurrent.Callable<Boolean> done) {
    await().pollInSameThread().pollInterval(Duration.ofMillis(1)).atMost(EVENTUALLY).until(done);
  }
}
