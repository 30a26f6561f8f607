package io.flymq.client.consumer;

import static io.flymq.client.consumer.GroupTestSupport.EVENTUALLY;
import static io.flymq.client.consumer.GroupTestSupport.consumer;
import static io.flymq.client.consumer.GroupTestSupport.pollAllUntil;
import static io.flymq.client.consumer.GroupTestSupport.produce;
import static io.flymq.client.consumer.GroupTestSupport.splitAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.GroupTestSupport.Recorder;
import io.flymq.client.testing.BrokerWithAdmin;
import io.flymq.protocol.message.membership.GroupDescribeRequest;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Consumer groups against a real broker: splitting, cooperative moves, kills, static members. */
class GroupConsumerIT extends BrokerWithAdmin {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @Test
  void shouldSplitPartitionsAndMoveOnlyThoseThatMustWhenAMemberJoins() {
    String topic = newTopic(6);
    String group = "g-" + topic;
    List<FlyMQConsumer<String, String>> consumers = new ArrayList<>();
    List<Recorder> recorders = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        join(consumers, recorders, group, topic, Map.of());
      }
      pollAllUntil(consumers, () -> splitAs(consumers, 6, 2, 2, 2));
      List<Set<TopicPartition>> before = assignments(consumers);
      List<Recorder.Mark> marks = recorders.stream().map(Recorder::mark).toList();

      join(consumers, recorders, group, topic, Map.of());
      pollAllUntil(consumers, () -> splitAs(consumers, 6, 2, 2, 1, 1));

      for (int i = 0; i < 3; i++) {
        Set<TopicPartition> kept = new HashSet<>(before.get(i));
        kept.retainAll(consumers.get(i).assignment());
        // Cooperative: a partition that stayed with its owner was never revoked from it.
        Set<TopicPartition> revoked = recorders.get(i).revokedSince(marks.get(i));
        assertThat(revoked).doesNotContainAnyElementsOf(kept);
        if (kept.equals(before.get(i))) {
          assertThat(revoked).isEmpty();
        }
      }
      assertThat(recorders.get(3).revoked).isEmpty();
    } finally {
      consumers.forEach(FlyMQConsumer::close);
    }
  }

  @Test
  void shouldMoveAKilledMembersPartitionsWithinTheSessionTimeout() throws Exception {
    String topic = newTopic(6);
    String group = "g-" + topic;
    Map<String, String> session = Map.of("session.timeout.ms", "3000");
    List<FlyMQConsumer<String, String>> consumers = new ArrayList<>();
    List<Recorder> recorders = new ArrayList<>();
    AtomicReference<String> childOwned = new AtomicReference<>("");
    Process child = startChildMember(group, topic, 3000, childOwned);
    try {
      join(consumers, recorders, group, topic, session);
      join(consumers, recorders, group, topic, session);
      pollAllUntil(
          consumers, () -> splitAs(consumers, 4, 2, 2) && childOwned.get().split(",").length == 2);

      List<Recorder.Mark> marks = recorders.stream().map(Recorder::mark).toList();
      // No LEAVE_GROUP: the process dies, the coordinator must time its session out.
      child.destroyForcibly().waitFor();
      pollAllUntil(consumers, () -> splitAs(consumers, 6, 3, 3));

      GroupDescribeResponse described =
          (GroupDescribeResponse) FlyMQClient.await(admin.call(new GroupDescribeRequest(group)));
      assertThat(described.members()).hasSize(2);
      assertThat(described.departures()).extracting(d -> d.reason()).contains("session timeout");
      for (int i = 0; i < recorders.size(); i++) {
        assertThat(recorders.get(i).revokedSince(marks.get(i))).isEmpty();
      }
    } finally {
      child.destroyForcibly();
      consumers.forEach(FlyMQConsumer::close);
    }
  }

  @Test
  void shouldGiveEachGroupEveryRecord() {
    String topic = newTopic(3);
    for (int p = 0; p < 3; p++) {
      produce(admin, topic, p, 0, 50);
    }
    for (String group : List.of("g1-" + topic, "g2-" + topic)) {
      List<FlyMQConsumer<String, String>> consumers = new ArrayList<>();
      Set<String> values = new HashSet<>();
      try {
        join(consumers, new ArrayList<>(), group, topic, Map.of());
        join(consumers, new ArrayList<>(), group, topic, Map.of());
        pollAllUntil(
            consumers,
            r -> values.add(r.value()),
            () -> values.size() == 150 && splitAs(consumers, 3, 1, 2));
      } finally {
        consumers.forEach(FlyMQConsumer::close);
      }
    }
  }

  @Test
  void shouldGiveARestartedStaticMemberItsPartitionsBackWithoutRebalancingOthers() {
    String topic = newTopic(4);
    String group = "g-" + topic;
    List<FlyMQConsumer<String, String>> consumers = new ArrayList<>();
    List<Recorder> recorders = new ArrayList<>();
    Map<String, String> staticMember = Map.of("group.instance.id", "billing-a");
    try {
      join(consumers, recorders, group, topic, staticMember);
      join(consumers, recorders, group, topic, Map.of());
      pollAllUntil(consumers, () -> splitAs(consumers, 4, 2, 2));
      Set<TopicPartition> staticOwned = consumers.get(0).assignment();
      Set<TopicPartition> otherOwned = consumers.get(1).assignment();
      int otherCalls = recorders.get(1).calls();

      consumers.remove(0).close();
      FlyMQConsumer<String, String> restarted = consumer(broker.bootstrap(), group, staticMember);
      restarted.subscribe(List.of(topic));
      consumers.add(0, restarted);
      pollAllUntil(consumers, () -> restarted.assignment().equals(staticOwned));

      assertThat(consumers.get(1).assignment()).isEqualTo(otherOwned);
      assertThat(recorders.get(1).calls()).isEqualTo(otherCalls);
    } finally {
      consumers.forEach(FlyMQConsumer::close);
    }
  }

  // ---- helpers ----

  private static void join(
      List<FlyMQConsumer<String, String>> consumers,
      List<Recorder> recorders,
      String group,
      String topic,
      Map<String, String> settings) {
    FlyMQConsumer<String, String> consumer = consumer(broker.bootstrap(), group, settings);
    Recorder recorder = new Recorder();
    consumer.subscribe(List.of(topic), recorder);
    consumers.add(consumer);
    recorders.add(recorder);
  }

  private static List<Set<TopicPartition>> assignments(List<FlyMQConsumer<String, String>> all) {
    List<Set<TopicPartition>> assignments = new ArrayList<>();
    all.forEach(c -> assignments.add(Set.copyOf(c.assignment())));
    return assignments;
  }

  /** Starts {@link GroupMemberMain} in a child JVM; {@code owned} follows its OWNED lines. */
  private static Process startChildMember(
      String group, String topic, int sessionMs, AtomicReference<String> owned) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                GroupMemberMain.class.getName(),
                broker.bootstrap(),
                group,
                topic,
                String.valueOf(sessionMs))
            .redirectErrorStream(true)
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith("OWNED [")) {
                    owned.set(line.substring(7, line.length() - 1).replace(" ", ""));
                  }
                }
              } catch (Exception e) {
                // the child died
              }
            },
            "child-member-output");
    reader.setDaemon(true);
    reader.start();
    await().atMost(EVENTUALLY).until(process::isAlive);
    return process;
  }

  private static String newTopic(int partitions) {
    String topic = "group-it-" + NAMES.incrementAndGet();
    admin.createTopic(topic, partitions);
    return topic;
  }
}
