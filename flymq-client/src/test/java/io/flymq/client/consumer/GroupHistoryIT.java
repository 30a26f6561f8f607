package io.flymq.client.consumer;

import static io.flymq.client.consumer.GroupTestSupport.EVENTUALLY;
import static io.flymq.client.consumer.GroupTestSupport.POLL;
import static io.flymq.client.consumer.GroupTestSupport.consumer;
import static io.flymq.client.consumer.GroupTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.client.FlyMQClient;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.testing.EmbeddedBroker;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A history checker for at-least-once delivery through rebalances: numbered records are produced
 * while group members that commitSync after each processed batch join, leave and crash; in the end
 * every partition's processed offsets cover 0..N-1 and each record carried its own number.
 *
 * <p>Crashes are in-process: {@code FlyMQConsumer.crashForTest()} stops the heartbeats and closes
 * the connection without committing or leaving, so the coordinator has to time the member out.
 */
class GroupHistoryIT {
  private static final int PARTITIONS = 4;
  private static final int RECORDS = 400;
  private static final int BATCH = 25;
  private static final Map<String, String> SETTINGS =
      Map.of("enable.auto.commit", "false", "max.poll.records", "20", "session.timeout.ms", "2000");

  private static EmbeddedBroker broker;
  private static FlyMQClient admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start();
    admin = FlyMQClient.builder().bootstrapServers(broker.bootstrap()).build();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    admin.close();
    broker.close();
  }

  @Test
  void shouldProcessEveryRecordAtLeastOnceAcrossKillsAndRebalances() {
    String topic = "history-it";
    String group = "g-history";
    admin.createTopic(topic, PARTITIONS);
    BitSet[] processed = new BitSet[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      processed[p] = new BitSet();
    }
    List<String> wrong = new ArrayList<>();
    List<FlyMQConsumer<String, String>> members = new ArrayList<>();
    Random random = new Random(42);
    int produced = 0;
    long deadline = System.nanoTime() + EVENTUALLY.toNanos();
    try {
      for (int step = 0; !allProcessed(processed) && System.nanoTime() < deadline; step++) {
        if (produced < RECORDS) {
          for (int p = 0; p < PARTITIONS; p++) {
            produce(admin, topic, p, produced, BATCH);
          }
          produced += BATCH;
        }
        if (step % 40 == 0) {
          churn(members, random, group, topic);
        }
        for (FlyMQConsumer<String, String> member : members) {
          process(member, processed, wrong);
        }
      }
      assertThat(wrong).isEmpty();
      for (int p = 0; p < PARTITIONS; p++) {
        assertThat(processed[p].nextClearBit(0))
            .as("first gap of partition " + p)
            .isEqualTo(RECORDS);
      }
    } finally {
      members.forEach(FlyMQConsumer::close);
    }
  }

  /** Joins a member, or removes one: a clean close or a crash without leaving. */
  private static void churn(
      List<FlyMQConsumer<String, String>> members, Random random, String group, String topic) {
    int action = members.size() < 2 ? 0 : random.nextInt(3);
    if (action == 0 || members.size() < 3 && action == 1) {
      FlyMQConsumer<String, String> member = consumer(broker.bootstrap(), group, SETTINGS);
      member.subscribe(List.of(topic));
      members.add(member);
    } else if (action == 1) {
      members.remove(random.nextInt(members.size())).close();
    } else {
      members.remove(random.nextInt(members.size())).crashForTest();
    }
  }

  /** One poll; records are checked against their number, then the batch is committed. */
  private static void process(
      FlyMQConsumer<String, String> member, BitSet[] processed, List<String> wrong) {
    ConsumerRecords<String, String> records = member.poll(POLL);
    for (ConsumerRecord<String, String> record : records) {
      String expected = "p" + record.partition() + "-" + record.offset();
      if (!expected.equals(record.value())) {
        wrong.add(record.topic() + "-" + record.partition() + "@" + record.offset());
      }
      processed[record.partition()].set((int) record.offset());
    }
    if (!records.isEmpty()) {
      try {
        member.commitSync();
      } catch (FlyMQException e) {
        // The member was removed or the partitions moved: their next owner re-reads them.
      }
    }
  }

  private static boolean allProcessed(BitSet[] processed) {
    for (BitSet partition : processed) {
      if (partition.nextClearBit(0) < RECORDS) {
        return false;
      }
    }
    return true;
  }
}
