package io.flymq.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.GroupCommitRequest.CommitEntry;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import io.flymq.protocol.message.membership.GroupOffsetsRequest;
import io.flymq.protocol.message.membership.GroupOffsetsResponse;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.HeartbeatResponse;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.protocol.message.membership.PartitionRef;
import io.flymq.server.log.PartitionManager;
import io.flymq.server.log.ProduceCoalescer;
import io.flymq.server.log.TopicPartition;
import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.LogIo;
import io.flymq.storage.log.PartitionLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The membership rules of docs/protocol.md#membership, driven by a clock the test moves. */
class GroupCoordinatorTest {
  private static final int SESSION_MS = 3_000;
  private static final int REBALANCE_MS = 10_000;

  @TempDir Path dir;
  private final LogIo io = LogIo.create();
  private final MutableClock clock = new MutableClock(1_000_000);
  private final Map<String, Integer> topics = new ConcurrentHashMap<>(Map.of("t", 4));
  private PartitionLog log;
  private OffsetStore offsets;
  private GroupCoordinator coordinator;

  @BeforeEach
  void open() throws Exception {
    log = PartitionLog.open(dir, LogConfig.defaults(), io);
    offsets =
        new OffsetStore(
            List.of(
                new PartitionManager.Partition(
                    new TopicPartition(OffsetStore.TOPIC, 0),
                    log,
                    new ProduceCoalescer(log, clock, 1 << 20))),
            clock);
    PartitionCounts counts =
        topic ->
            topics.containsKey(topic) ? OptionalInt.of(topics.get(topic)) : OptionalInt.empty();
    coordinator = new GroupCoordinator(offsets, counts, clock);
  }

  @AfterEach
  void close() throws Exception {
    coordinator.close();
    log.close();
    io.close();
  }

  private JoinGroupResponse join(String memberId, String instanceId, String assignor) {
    return coordinator.join(
        new JoinGroupRequest(
            "g", memberId, instanceId, List.of("t"), SESSION_MS, REBALANCE_MS, assignor),
        "127.0.0.1:5000");
  }

  private JoinGroupResponse join() {
    return join("", "", "sticky");
  }

  private HeartbeatResponse heartbeat(JoinGroupResponse member, PartitionRef... owned) {
    return coordinator.heartbeat(
        new HeartbeatRequest("g", member.memberId(), member.generation(), Arrays.asList(owned)));
  }

  /** Heartbeats reporting the previous answer until the answer stops changing; returns it. */
  private List<PartitionRef> settle(JoinGroupResponse member) {
    List<PartitionRef> owned = heartbeat(member).assignment();
    return heartbeat(member, owned.toArray(PartitionRef[]::new)).assignment();
  }

  private static PartitionRef p(int partition) {
    return new PartitionRef("t", partition);
  }

  private static PartitionRef[] all(List<PartitionRef> partitions) {
    return partitions.toArray(PartitionRef[]::new);
  }

  @Test
  void shouldGiveANewMemberAFreshIdTheNextGenerationAndEveryPartition() {
    JoinGroupResponse a = join();

    assertThat(a.errorCode()).isEqualTo(ErrorCode.NONE);
    assertThat(a.memberId()).isNotEmpty();
    assertThat(a.generation()).isEqualTo(1);
    assertThat(a.heartbeatIntervalMs()).isEqualTo(SESSION_MS / 3);
    assertThat(heartbeat(a).assignment()).containsExactly(p(0), p(1), p(2), p(3));
  }

  @Test
  void shouldRecomputeTheTargetAndBumpTheGenerationOnEveryMembershipChange() {
    JoinGroupResponse a = join();
    JoinGroupResponse b = join();
    assertThat(b.generation()).isEqualTo(2);
    assertThat(coordinator.groupState("g").target(a.memberId())).hasSize(2);
    assertThat(coordinator.groupState("g").target(b.memberId())).hasSize(2);

    assertThat(coordinator.leave(new LeaveGroupRequest("g", b.memberId(), "left"))).isTrue();

    assertThat(coordinator.groupState("g").generation()).isEqualTo(3);
    assertThat(coordinator.groupState("g").target(a.memberId())).hasSize(4);
    assertThat(coordinator.leave(new LeaveGroupRequest("g", b.memberId(), "left"))).isFalse();
    assertThat(heartbeat(b).errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER);
  }

  @Test
  void shouldHandAMovingPartitionToItsNewOwnerOnlyAfterTheOldOwnerStopsReportingIt() {
    JoinGroupResponse a = join();
    List<PartitionRef> ownedByA = settle(a);
    assertThat(ownedByA).hasSize(4);

    JoinGroupResponse b = join();
    List<PartitionRef> targetOfB = List.copyOf(coordinator.groupState("g").target(b.memberId()));
    assertThat(targetOfB).hasSize(2);

    // A still reports all four: B gets nothing yet, A is told to keep only its two.
    assertThat(heartbeat(b).assignment()).isEmpty();
    List<PartitionRef> keptByA = heartbeat(a, all(ownedByA)).assignment();
    assertThat(keptByA).hasSize(2).doesNotContainAnyElementsOf(targetOfB);
    assertThat(heartbeat(b).assignment()).isEmpty();
    assertThat(coordinator.describe("g").state()).isEqualTo("Reconciling");

    // A gives the two up: now B gets them, and A keeps its own throughout.
    assertThat(heartbeat(a, all(keptByA)).assignment()).isEqualTo(keptByA);
    assertThat(heartbeat(b).assignment()).isEqualTo(targetOfB);
    heartbeat(b, all(targetOfB));
    assertThat(coordinator.describe("g").state()).isEqualTo("Stable");
  }

  @Test
  void shouldRemoveASilentMemberAfterItsSessionTimeoutAndFreeItsPartitionsAtOnce() {
    JoinGroupResponse a = join();
    JoinGroupResponse b = join();
    List<PartitionRef> ownedByA = settle(a);
    settle(b);

    clock.advance(Duration.ofMillis(SESSION_MS - 1));
    heartbeat(a, all(ownedByA));
    coordinator.sweep();
    assertThat(coordinator.describe("g").members()).hasSize(2);

    clock.advance(Duration.ofMillis(2));
    coordinator.sweep();

    GroupDescribeResponse described = coordinator.describe("g");
    assertThat(described.members())
        .extracting(GroupDescribeResponse.Member::memberId)
        .containsExactly(a.memberId());
    assertThat(described.departures()).hasSize(1);
    assertThat(described.departures().get(0).memberId()).isEqualTo(b.memberId());
    assertThat(described.departures().get(0).reason()).isEqualTo("session timeout");
    assertThat(described.departures().get(0).atMs()).isEqualTo(clock.millis());
    assertThat(heartbeat(b).errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER);
    assertThat(heartbeat(a, all(ownedByA)).assignment()).hasSize(4);
  }

  @Test
  void shouldReturnAStaticMembersPartitionsOnRejoinWithoutARebalance() {
    JoinGroupResponse a = join("", "instance-a", "sticky");
    JoinGroupResponse b = join();
    List<PartitionRef> ownedByA = settle(a);
    settle(b);
    int generation = coordinator.groupState("g").generation();

    // A restarts: a new incarnation joins with its instance id and no member id.
    JoinGroupResponse again = join("", "instance-a", "sticky");

    assertThat(again.memberId()).isEqualTo(a.memberId());
    assertThat(again.generation()).isEqualTo(generation);
    assertThat(coordinator.groupState("g").generation()).isEqualTo(generation);
    assertThat(heartbeat(again).assignment()).isEqualTo(ownedByA);
    assertThat(coordinator.describe("g").departures()).isEmpty();
  }

  @Test
  void shouldRefuseAMemberAskingForAnotherAssignorThanTheGroups() {
    join("", "", "range");

    assertThat(join("", "", "sticky").errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(join("", "", "nonsense").errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(join("", "", "").errorCode()).isEqualTo(ErrorCode.NONE);
    assertThat(coordinator.describe("g").assignor()).isEqualTo("range");
  }

  @Test
  void shouldAssignATopicCreatedAfterTheJoinOnTheNextHeartbeat() {
    JoinGroupResponse a =
        coordinator.join(
            new JoinGroupRequest(
                "g", "", "", List.of("t", "later"), SESSION_MS, REBALANCE_MS, "range"),
            "client");
    assertThat(heartbeat(a).assignment()).hasSize(4);

    topics.put("later", 2);

    HeartbeatResponse answer = heartbeat(a);
    assertThat(answer.generation()).isEqualTo(a.generation() + 1);
    assertThat(answer.assignment())
        .contains(new PartitionRef("later", 0), new PartitionRef("later", 1));
  }

  @Test
  void shouldFenceAMemberThatKeepsARevokedPartitionPastItsRebalanceTimeout() {
    JoinGroupResponse a = join();
    List<PartitionRef> ownedByA = settle(a);
    JoinGroupResponse b = join();

    clock.advance(Duration.ofMillis(REBALANCE_MS / 2));
    heartbeat(a, all(ownedByA));
    heartbeat(b);
    coordinator.sweep();
    assertThat(coordinator.describe("g").members()).hasSize(2);

    clock.advance(Duration.ofMillis(REBALANCE_MS / 2));
    heartbeat(a, all(ownedByA));
    heartbeat(b);
    coordinator.sweep();

    GroupDescribeResponse described = coordinator.describe("g");
    assertThat(described.members()).hasSize(1);
    assertThat(described.departures().get(0).reason()).isEqualTo("fenced");
    assertThat(heartbeat(b).assignment()).hasSize(4);
  }

  @Test
  void shouldKeepTheTwentyLatestDeparturesNewestFirst() {
    for (int i = 0; i < 25; i++) {
      JoinGroupResponse member = join();
      coordinator.leave(
          new LeaveGroupRequest("g", member.memberId(), i % 2 == 0 ? "" : "poll timeout"));
    }

    List<GroupDescribeResponse.Departure> departures = coordinator.describe("g").departures();
    assertThat(departures).hasSize(20);
    assertThat(departures.get(0).reason()).isEqualTo("left");
    assertThat(departures.get(1).reason()).isEqualTo("poll timeout");
    assertThat(coordinator.describe("g").state()).isEqualTo("Empty");
  }

  @Test
  void shouldFenceCommitsFromUnknownMembersStaleGenerationsAndForeignPartitions() {
    JoinGroupResponse a = join();
    List<PartitionRef> ownedByA = settle(a);
    JoinGroupResponse b = join();
    List<PartitionRef> keptByA = heartbeat(a, all(ownedByA)).assignment();
    PartitionRef revokedFromA =
        ownedByA.stream().filter(p -> !keptByA.contains(p)).findFirst().orElseThrow();

    // A may still commit what it is giving up; B may not commit it before it gets it.
    assertThat(commit(a.memberId(), b.generation(), revokedFromA)).containsExactly(ErrorCode.NONE);
    assertThat(commit(b.memberId(), b.generation(), revokedFromA))
        .containsExactly(ErrorCode.PARTITION_NOT_ASSIGNED);
    assertThat(commit(b.memberId(), b.generation() - 1, revokedFromA))
        .containsExactly(ErrorCode.STALE_GENERATION);
    assertThat(commit("member-gone", 9, revokedFromA)).containsExactly(ErrorCode.UNKNOWN_MEMBER);
    assertThat(commit("", 0, p(3), new PartitionRef("t", 4), new PartitionRef("missing", 0)))
        .containsExactly(
            ErrorCode.NONE,
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

    GroupOffsetsResponse stored =
        coordinator.committed(
            new GroupOffsetsRequest("g", List.of(revokedFromA, p(3), new PartitionRef("t", 9))));
    assertThat(stored.offsets())
        .extracting(
            GroupOffsetsResponse.Committed::offset, GroupOffsetsResponse.Committed::metadata)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(42L, "meta"),
            org.assertj.core.groups.Tuple.tuple(42L, "meta"),
            org.assertj.core.groups.Tuple.tuple(-1L, ""));
  }

  private List<ErrorCode> commit(String memberId, int generation, PartitionRef... partitions) {
    List<CommitEntry> entries =
        Arrays.stream(partitions)
            .map(p -> new CommitEntry(p.topic(), p.partition(), 42, "meta"))
            .toList();
    return coordinator
        .commit(new GroupCommitRequest("g", memberId, generation, entries))
        .join()
        .results()
        .stream()
        .map(r -> r.errorCode())
        .toList();
  }
}
