package io.flymq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flymq.client.TopicPartition;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.serde.Serdes;
import io.flymq.client.testing.FakeCoordinator;
import io.flymq.client.testing.ScriptedBroker;
import io.flymq.protocol.Message;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.protocol.message.membership.PartitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group membership state machine against a scripted coordinator (FakeCoordinator). */
class ConsumerGroupIT {
  private static final String TOPIC = "orders";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration EVENTUALLY = Duration.ofSeconds(10);

  private final FakeCoordinator coordinator = new FakeCoordinator();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private ScriptedBroker broker;

  @BeforeEach
  void startBroker() throws Exception {
    broker = new ScriptedBroker(coordinator);
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void shouldRevokeBeforeAssigningAndOnlyThePartitionsThatMove() {
    coordinator.assign(P0, P1);
    Map<TopicPartition, Long> committedAtRevoke = new HashMap<>();
    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      consumer.subscribe(
          List.of(TOPIC),
          new Recorder() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              super.onPartitionsRevoked(partitions);
              for (TopicPartition tp : partitions) {
                PartitionRef ref = new PartitionRef(tp.topic(), tp.partition());
                GroupCommitRequest.CommitEntry entry = coordinator.committed().get(ref);
                committedAtRevoke.put(tp, entry == null ? -1 : entry.offset());
              }
            }
          });
      pollUntil(consumer, c -> c.assignment().equals(Set.of(P0, P1)) && readAll(c, P0, P1));

      coordinator.assign(P1, P2);
      pollUntil(consumer, c -> c.assignment().equals(Set.of(P1, P2)));

      assertThat(events).containsExactly("assigned [0, 1]", "revoked [0]", "assigned [2]");
      // The revoked partition's returned positions were auto-committed before the callback.
      assertThat(committedAtRevoke).containsEntry(P0, (long) FakeCoordinator.RECORDS);
      await().atMost(EVENTUALLY).until(() -> lastHeartbeatOwned().equals(Set.of(1, 2)));
      assertThat(heartbeatsOwned()).doesNotContain(Set.of(0, 1, 2));
    }
  }

  @Test
  void shouldReportPartitionsLostAndRejoinAsNewMemberOnUnknownMember() {
    coordinator.assign(P0, P1);
    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      consumer.subscribe(List.of(TOPIC), new Recorder());
      pollUntil(consumer, c -> c.assignment().size() == 2);
      String firstId = consumer.groupMetadata().memberId();
      int commitsBefore = requests(GroupCommitRequest.class).size();

      coordinator.failHeartbeats(ErrorCode.UNKNOWN_MEMBER);
      pollUntil(consumer, c -> events.contains("lost [0, 1]") && c.assignment().size() == 2);

      assertThat(events).containsExactly("assigned [0, 1]", "lost [0, 1]", "assigned [0, 1]");
      List<JoinGroupRequest> joins = requests(JoinGroupRequest.class);
      assertThat(joins).hasSize(2);
      assertThat(joins.get(1).memberId()).isEmpty();
      assertThat(consumer.groupMetadata().memberId()).isNotEqualTo(firstId);
      // Lost partitions are never committed: another member may own them already.
      assertThat(requests(GroupCommitRequest.class)).hasSize(commitsBefore);
    }
  }

  @Test
  void shouldNeverCommitPartitionsTheConsumerNoLongerOwns() {
    coordinator.assign(P0, P1);
    try (FlyMQConsumer<String, String> consumer = consumer(Map.of("enable.auto.commit", "false"))) {
      consumer.subscribe(List.of(TOPIC), new Recorder());
      pollUntil(consumer, c -> c.assignment().size() == 2 && readAll(c, P0, P1));
      coordinator.assign(P1);
      pollUntil(consumer, c -> c.assignment().equals(Set.of(P1)));

      assertThatThrownBy(() -> consumer.commitSync(Map.of(P0, OffsetAndMetadata.of(3))))
          .isInstanceOf(FlyMQException.class)
          .hasMessageContaining("orders-0")
          .satisfies(
              e ->
                  assertThat(((FlyMQException) e).code())
                      .isEqualTo(ErrorCode.PARTITION_NOT_ASSIGNED));
      consumer.commitSync();
      consumer.commitSync(Map.of(P1, new OffsetAndMetadata(4, "checkpoint-7")));

      List<GroupCommitRequest> commits = requests(GroupCommitRequest.class);
      assertThat(commits).hasSize(2);
      for (GroupCommitRequest commit : commits) {
        assertThat(commit.memberId()).isEqualTo(consumer.groupMetadata().memberId());
        assertThat(commit.generation()).isEqualTo(consumer.groupMetadata().generation());
        assertThat(commit.offsets()).extracting(e -> e.partition()).containsExactly(1);
      }
      assertThat(consumer.committed(Set.of(P0, P1)))
          .containsExactly(Map.entry(P1, new OffsetAndMetadata(4, "checkpoint-7")));
    }
  }

  @Test
  void shouldLeaveAfterMaxPollIntervalAndRejoinOnTheNextPoll() {
    coordinator.assign(P0);
    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("max.poll.interval.ms", "300", "heartbeat.interval.ms", "20"))) {
      consumer.subscribe(List.of(TOPIC), new Recorder());
      pollUntil(consumer, c -> c.assignment().size() == 1);

      // The application stops polling: the heartbeat notices and leaves.
      await().atMost(EVENTUALLY).until(() -> !requests(LeaveGroupRequest.class).isEmpty());
      assertThat(requests(LeaveGroupRequest.class).get(0).reason()).isEqualTo("poll timeout");

      pollUntil(consumer, c -> events.size() == 3);
      assertThat(events).containsExactly("assigned [0]", "lost [0]", "assigned [0]");
      assertThat(requests(JoinGroupRequest.class)).hasSize(2);
    }
  }

  @Test
  void shouldCommitRevokeAndLeaveOnClose() {
    coordinator.assign(P0);
    FlyMQConsumer<String, String> consumer = consumer(Map.of());
    consumer.subscribe(List.of(TOPIC), new Recorder());
    pollUntil(consumer, c -> readAll(c, P0));

    consumer.close();

    assertThat(events).containsExactly("assigned [0]", "revoked [0]");
    assertThat(coordinator.committed().get(new PartitionRef(TOPIC, 0)).offset())
        .isEqualTo(FakeCoordinator.RECORDS);
    List<Message> received = broker.received();
    List<LeaveGroupRequest> leaves = requests(LeaveGroupRequest.class);
    assertThat(leaves).extracting(LeaveGroupRequest::reason).containsExactly("left");
    List<GroupCommitRequest> commits = requests(GroupCommitRequest.class);
    assertThat(received.indexOf(commits.get(commits.size() - 1)))
        .isLessThan(received.indexOf(leaves.get(0)));
  }

  @Test
  void shouldNotLeaveOnCloseAsAStaticMember() {
    coordinator.assign(P0);
    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("group.instance.id", "billing-1"))) {
      consumer.subscribe(List.of(TOPIC), new Recorder());
      pollUntil(consumer, c -> c.assignment().size() == 1);
      assertThat(consumer.groupMetadata().groupInstanceId()).contains("billing-1");
      assertThat(requests(JoinGroupRequest.class).get(0).instanceId()).isEqualTo("billing-1");
    }
    assertThat(requests(LeaveGroupRequest.class)).isEmpty();
    assertThat(events).containsExactly("assigned [0]", "revoked [0]");
  }

  @Test
  void shouldRejoinWithTheSameMemberIdOnEnforceRebalance() {
    coordinator.assign(P0);
    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      consumer.subscribe(List.of(TOPIC), new Recorder());
      pollUntil(consumer, c -> c.assignment().size() == 1);
      String memberId = consumer.groupMetadata().memberId();

      consumer.enforceRebalance();
      pollUntil(consumer, c -> requests(JoinGroupRequest.class).size() == 2);

      assertThat(requests(JoinGroupRequest.class).get(1).memberId()).isEqualTo(memberId);
      assertThat(consumer.assignment()).containsExactly(P0);
      assertThat(events).containsExactly("assigned [0]");
    }
  }

  /** A retriable JOIN failure must not drop the rejoin enforceRebalance asked for. */
  @Test
  void shouldRetryTheRejoinOfEnforceRebalanceAfterARetriableJoinFailure() {
    coordinator.assign(P0);
    try (FlyMQConsumer<String, String> consumer =
        consumer(Map.of("retry.backoff.ms", "10", "retry.backoff.max.ms", "50"))) {
      consumer.subscribe(List.of(TOPIC), new Recorder());
      pollUntil(consumer, c -> c.assignment().size() == 1);
      String memberId = consumer.groupMetadata().memberId();
      int generation = consumer.groupMetadata().generation();

      coordinator.failNextJoin(ErrorCode.BROKER_NOT_AVAILABLE);
      coordinator.assignOnNextJoin(P0, P1);
      consumer.enforceRebalance();
      pollUntil(
          consumer,
          c ->
              c.groupMetadata().generation() == generation + 1
                  && c.assignment().equals(Set.of(P0, P1)));

      List<JoinGroupRequest> joins = requests(JoinGroupRequest.class);
      assertThat(joins).hasSize(3);
      assertThat(joins.subList(1, 3))
          .extracting(JoinGroupRequest::memberId)
          .containsExactly(memberId, memberId);
      assertThat(consumer.groupMetadata().memberId()).isEqualTo(memberId);
      assertThat(events).containsExactly("assigned [0]", "assigned [1]");
    }
  }

  @Test
  void shouldReportNoMembershipBeforeJoining() {
    try (FlyMQConsumer<String, String> consumer = consumer(Map.of())) {
      assertThat(consumer.groupMetadata())
          .isEqualTo(
              new ConsumerGroupMetadata(
                  "billing", ConsumerGroupMetadata.NO_GENERATION, "", java.util.Optional.empty()));
    }
  }

  // ---- helpers ----

  private FlyMQConsumer<String, String> consumer(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", broker.bootstrap());
    settings.put("group.id", "billing");
    settings.put("auto.offset.reset", "earliest");
    settings.put("heartbeat.interval.ms", "30");
    settings.put("retries", "0");
    settings.putAll(extra);
    return new FlyMQConsumer<>(settings, Serdes.stringDeserializer(), Serdes.stringDeserializer());
  }

  private final Map<TopicPartition, Integer> read = new HashMap<>();

  /** Polls (recording what was read) until {@code done} holds. */
  private void pollUntil(
      FlyMQConsumer<String, String> consumer,
      java.util.function.Predicate<FlyMQConsumer<String, String>> done) {
    await()
        .pollInSameThread()
        .atMost(EVENTUALLY)
        .until(
            () -> {
              for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                read.merge(new TopicPartition(r.topic(), r.partition()), 1, Integer::sum);
              }
              return done.test(consumer);
            });
  }

  private boolean readAll(FlyMQConsumer<String, String> consumer, TopicPartition... partitions) {
    for (TopicPartition tp : partitions) {
      if (read.getOrDefault(tp, 0) < FakeCoordinator.RECORDS) {
        return false;
      }
    }
    return true;
  }

  private <T extends Message> List<T> requests(Class<T> type) {
    return broker.received().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private List<Set<Integer>> heartbeatsOwned() {
    List<Set<Integer>> owned = new ArrayList<>();
    for (HeartbeatRequest heartbeat : requests(HeartbeatRequest.class)) {
      owned.add(
          heartbeat.owned().stream().map(PartitionRef::partition).collect(Collectors.toSet()));
    }
    return owned;
  }

  private Set<Integer> lastHeartbeatOwned() {
    List<Set<Integer>> owned = heartbeatsOwned();
    return owned.isEmpty() ? Set.of() : owned.get(owned.size() - 1);
  }

  /** Records listener calls as "revoked [0]", partitions sorted. */
  private class Recorder implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      events.add("revoked " + numbers(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      events.add("assigned " + numbers(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      events.add("lost " + numbers(partitions));
    }

    private String numbers(Collection<TopicPartition> partitions) {
      return new TreeSet<>(partitions.stream().map(TopicPartition::partition).toList()).toString();
    }
  }
}
