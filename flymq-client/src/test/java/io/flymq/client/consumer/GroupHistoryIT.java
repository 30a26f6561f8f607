package io.flymq.client.consumer;

import static io.flymq.client.consumer.GroupTestSupport.EVENTUALLY;
import static io.flymq.client.consumer.GroupTestSupport.POLL;
import static io.flymq.client.consumer.GroupTestSupport.consumer;
import static io.flymq.client.consumer.GroupTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flymq.client.FlyMQClient;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.testing.BrokerWithAdmin;
import io.flymq.protocol.message.membership.GroupDescribeRequest;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A history checker for at-least-once delivery through rebalances: numbered records are produced
 * while group members that commitSync after each processed batch join, leave and crash; in the end
 * every partition's processed offsets cover 0..N-1 and each record carried its own number.
 *
 * <p>Crashes are in-process: {@code FlyMQConsumer.crashForTest()} stops the heartbeats and closes
 * the connection without committing or leaving, so the coordinator has to time the member out.
 */
class GroupHistoryIT extends BrokerWithAdmin {
  private static final int PARTITIONS = 4;
  private static final int RECORDS = 400;
  private static final int BATCH = 5;
  private static final int STEPS_PER_ACTION = 8;

  /** Members come and go while records are produced; the oldest member is the one to go. */
  private static final List<String> SCRIPT =
      List.of("join", "join", "join", "crash", "join", "close", "join", "crash", "close", "join");

  private static final Map<String, String> SETTINGS =
      Map.of("enable.auto.commit", "false", "max.poll.records", "20", "session.timeout.ms", "2000");

  @Test
  void shouldProcessEveryRecordAtLeastOnceAcrossKillsAndRebalances() {
    String topic = "history-it";
    String group = "g-history";
    admin.createTopic(topic, PARTITIONS);
    BitSet[] processed = new BitSet[PARTITIONS];
    List<Set<Integer>> readers = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      processed[p] = new BitSet();
      readers.add(new HashSet<>());
    }
    List<String> wrong = new ArrayList<>();
    List<FlyMQConsumer<String, String>> members = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    int produced = 0;
    int step = 0;
    long deadline = System.nanoTime() + EVENTUALLY.toNanos();
    try {
      while (!allProcessed(processed) || step < SCRIPT.size() * STEPS_PER_ACTION) {
        assertThat(System.nanoTime()).as("deadline").isLessThan(deadline);
        if (produced < RECORDS) {
          for (int p = 0; p < PARTITIONS; p++) {
            produce(admin, topic, p, produced, BATCH);
          }
          produced += BATCH;
        }
        if (step % STEPS_PER_ACTION == 0 && step / STEPS_PER_ACTION < SCRIPT.size()) {
          act(SCRIPT.get(step / STEPS_PER_ACTION), members, ids, step, group, topic);
        }
        for (int i = 0; i < members.size(); i++) {
          process(members.get(i), ids.get(i), processed, readers, wrong);
        }
        step++;
      }
      assertThat(wrong).isEmpty();
      for (int p = 0; p < PARTITIONS; p++) {
        assertThat(processed[p].nextClearBit(0))
            .as("first gap of partition " + p)
            .isEqualTo(RECORDS);
      }
      // The churn really moved partitions between members, and the crashed ones timed out.
      assertThat(readers).anyMatch(r -> r.size() > 1);
      await()
          .atMost(EVENTUALLY)
          .untilAsserted(
              () ->
                  assertThat(departures(group))
                      .containsOnly("left", "session timeout")
                      .filteredOn("session timeout"::equals)
                      .hasSize(2));
    } finally {
      members.forEach(FlyMQConsumer::close);
    }
  }

  /** Joins a member, closes the oldest one cleanly, or crashes the oldest one. */
  private static void act(
      String action,
      List<FlyMQConsumer<String, String>> members,
      List<Integer> ids,
      int step,
      String group,
      String topic) {
    switch (action) {
      case "join" -> {
        FlyMQConsumer<String, String> member = consumer(broker.bootstrap(), group, SETTINGS);
        member.subscribe(List.of(topic));
        members.add(member);
        ids.add(step);
      }
      case "close" -> {
        ids.remove(0);
        members.remove(0).close();
      }
      default -> {
        ids.remove(0);
        members.remove(0).crashForTest();
      }
    }
  }

  /** One poll; records are checked against their number, then the batch is committed. */
  private static void process(
      FlyMQConsumer<String, String> member,
      int id,
      BitSet[] processed,
      List<Set<Integer>> readers,
      List<String> wrong) {
    ConsumerRecords<String, String> records = member.poll(POLL);
    for (ConsumerRecord<String, String> record : records) {
      String expected = "p" + record.partition() + "-" + record.offset();
      if (!expected.equals(record.value())) {
        wrong.add(record.topic() + "-" + record.partition() + "@" + record.offset());
      }
      processed[record.partition()].set((int) record.offset());
      readers.get(record.partition()).add(id);
    }
    if (!records.isEmpty()) {
      try {
        member.commitSync();
      } catch (FlyMQException e) {
        // The member was removed or the partitions moved: their next owner re-reads them.
      }
    }
  }

  private static List<String> departures(String group) {
    GroupDescribeResponse described =
        (GroupDescribeResponse) FlyMQClient.await(admin.call(new GroupDescribeRequest(group)));
    return described.departures().stream().map(GroupDescribeResponse.Departure::reason).toList();
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
