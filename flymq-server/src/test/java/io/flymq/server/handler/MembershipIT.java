package io.flymq.server.handler;

import static io.flymq.server.handler.ConsumeIT.createTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.group.GroupRequest;
import io.flymq.protocol.message.group.GroupSummary;
import io.flymq.protocol.message.group.ListGroupsResponse;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.GroupCommitRequest.CommitEntry;
import io.flymq.protocol.message.membership.GroupCommitResponse;
import io.flymq.protocol.message.membership.GroupDescribeRequest;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import io.flymq.protocol.message.membership.GroupOffsetsRequest;
import io.flymq.protocol.message.membership.GroupOffsetsResponse;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.HeartbeatResponse;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.protocol.message.membership.PartitionRef;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * v2 group membership over real sockets (docs/protocol.md#membership): cooperative rebalancing,
 * session timeouts, fenced commits with metadata surviving a restart, GROUP_DESCRIBE, and the live
 * members in the v1 admin views.
 */
class MembershipIT {
  private static final Duration EVENTUALLY = Duration.ofSeconds(30);

  /** A consumer that gives up revoked partitions and takes new ones at each heartbeat. */
  private static final class Member implements AutoCloseable {
    private final WireClient client;
    private final String group;
    private String memberId;
    private int generation;
    private List<PartitionRef> owned = List.of();
    private int correlation;

    Member(TestBroker broker, String group) throws Exception {
      this.client = broker.connect();
      this.group = group;
    }

    <T extends Message> T call(Message request, Class<T> type) throws Exception {
      client.sendV2(++correlation, request);
      WireClient.Reply reply = client.read();
      assertThat(reply.header().correlationId()).isEqualTo(correlation);
      return reply.expect(type);
    }

    Member join(String topic, int sessionTimeoutMs) throws Exception {
      JoinGroupResponse joined =
          call(
              new JoinGroupRequest(
                  group, "", "", List.of(topic), sessionTimeoutMs, 60_000, "sticky"),
              JoinGroupResponse.class);
      assertThat(joined.errorCode()).isEqualTo(ErrorCode.NONE);
      memberId = joined.memberId();
      generation = joined.generation();
      return this;
    }

    HeartbeatResponse heartbeat() throws Exception {
      HeartbeatResponse answer =
          call(new HeartbeatRequest(group, memberId, generation, owned), HeartbeatResponse.class);
      if (answer.errorCode() == ErrorCode.NONE) {
        generation = answer.generation();
        owned = answer.assignment();
      }
      return answer;
    }

    @Override
    public void close() throws java.io.IOException {
      client.close();
    }
  }

  private static GroupDescribeResponse describe(Member via, String group) throws Exception {
    return via.call(new GroupDescribeRequest(group), GroupDescribeResponse.class);
  }

  @Test
  void shouldRebalanceCooperativelyWhenAFourthMemberJoinsAndKeepUnmovedPartitionsThroughout()
      throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient admin = broker.connect()) {
      createTopic(admin, "orders", 6);
      List<Member> members = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          members.add(new Member(broker, "billing").join("orders", 30_000));
        }
        await()
            .atMost(EVENTUALLY)
            .until(() -> heartbeatAll(members) && sizes(members).equals(List.of(2, 2, 2)));
        Map<String, Set<PartitionRef>> before = ownership(members);

        members.add(new Member(broker, "billing").join("orders", 30_000));
        List<Map<String, Set<PartitionRef>>> steps = new ArrayList<>();
        await()
            .atMost(EVENTUALLY)
            .until(
                () -> {
                  boolean ok = heartbeatAll(members);
                  steps.add(ownership(members));
                  return ok
                      && sizes(members).equals(List.of(1, 1, 2, 2))
                      && describe(members.get(0), "billing").state().equals("Stable");
                });

        Map<String, Set<PartitionRef>> after = ownership(members);
        for (var owner : before.entrySet()) {
          Set<PartitionRef> unmoved = new HashSet<>(owner.getValue());
          unmoved.retainAll(after.get(owner.getKey()));
          for (Map<String, Set<PartitionRef>> step : steps) {
            assertThat(step.get(owner.getKey())).containsAll(unmoved);
          }
        }
        assertThat(after.get(members.get(3).memberId)).hasSize(1);
      } finally {
        for (Member member : members) {
          member.close();
        }
      }
    }
  }

  /**
   * Heartbeats every member once, checking the cooperative rule on each answer: nothing another
   * member still owns is handed out. True when no member was refused.
   */
  private static boolean heartbeatAll(List<Member> members) throws Exception {
    boolean ok = true;
    for (Member member : members) {
      HeartbeatResponse answer = member.heartbeat();
      ok &= answer.errorCode() == ErrorCode.NONE;
      for (Member other : members) {
        if (other != member) {
          Set<PartitionRef> both = new HashSet<>(answer.assignment());
          both.retainAll(other.owned);
          assertThat(both).as("handed out while %s still owns them", other.memberId).isEmpty();
        }
      }
    }
    return ok;
  }

  private static List<Integer> sizes(List<Member> members) {
    return members.stream().map(m -> m.owned.size()).sorted().toList();
  }

  private static Map<String, Set<PartitionRef>> ownership(List<Member> members) {
    Map<String, Set<PartitionRef>> owners = new HashMap<>();
    members.forEach(m -> owners.put(m.memberId, new TreeSet<>(m.owned)));
    return owners;
  }

  @Test
  void shouldRemoveAMemberThatStopsHeartbeatingAndMoveItsPartitions() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient admin = broker.connect();
        Member a = new Member(broker, "audit");
        Member b = new Member(broker, "audit")) {
      createTopic(admin, "events", 6);
      a.join("events", 60_000);
      b.join("events", 1_500);
      await()
          .atMost(EVENTUALLY)
          .until(
              () ->
                  a.heartbeat() != null
                      && b.heartbeat() != null
                      && a.owned.size() == 3
                      && b.owned.size() == 3);

      // b goes silent; a keeps heartbeating and ends up with everything.
      await()
          .atMost(EVENTUALLY)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> a.heartbeat().assignment().size() == 6);

      GroupDescribeResponse described = describe(a, "audit");
      assertThat(described.members())
          .extracting(GroupDescribeResponse.Member::memberId)
          .containsExactly(a.memberId);
      assertThat(described.departures())
          .extracting(
              GroupDescribeResponse.Departure::memberId, GroupDescribeResponse.Departure::reason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(b.memberId, "session timeout"));
      assertThat(b.heartbeat().errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER);
    }
  }

  @Test
  void shouldFenceCommitsAndKeepCommittedOffsetsWithMetadataAcrossARestart() throws Exception {
    try (TestBroker broker = TestBroker.start()) {
      List<PartitionRef> mine;
      try (WireClient admin = broker.connect();
          Member a = new Member(broker, "ledger");
          Member b = new Member(broker, "ledger")) {
        createTopic(admin, "payments", 2);
        a.join("payments", 30_000);
        b.join("payments", 30_000);
        await()
            .atMost(EVENTUALLY)
            .until(() -> heartbeatAll(List.of(a, b)) && a.owned.size() == 1 && b.owned.size() == 1);
        mine = a.owned;
        PartitionRef theirs = b.owned.get(0);

        GroupCommitResponse committed =
            a.call(
                new GroupCommitRequest(
                    "ledger",
                    a.memberId,
                    a.generation,
                    List.of(
                        new CommitEntry("payments", mine.get(0).partition(), 17, "checkpoint-7"),
                        new CommitEntry("payments", theirs.partition(), 3, ""))),
                GroupCommitResponse.class);
        assertThat(committed.results())
            .extracting(GroupCommitResponse.Result::errorCode)
            .containsExactly(ErrorCode.NONE, ErrorCode.PARTITION_NOT_ASSIGNED);
        GroupCommitResponse zombie =
            a.call(
                new GroupCommitRequest(
                    "ledger", "member-zombie", 1, List.of(new CommitEntry("payments", 0, 1, ""))),
                GroupCommitResponse.class);
        assertThat(zombie.results().get(0).errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER);
      }

      broker.restart();

      try (Member reader = new Member(broker, "ledger")) {
        GroupOffsetsResponse offsets =
            reader.call(
                new GroupOffsetsRequest(
                    "ledger",
                    List.of(
                        new PartitionRef("payments", mine.get(0).partition()),
                        new PartitionRef("payments", 1 - mine.get(0).partition()))),
                GroupOffsetsResponse.class);
        assertThat(offsets.offsets())
            .containsExactly(
                new GroupOffsetsResponse.Committed(
                    "payments", mine.get(0).partition(), 17, "checkpoint-7"),
                new GroupOffsetsResponse.Committed(
                    "payments", 1 - mine.get(0).partition(), -1, ""));
        // Membership is in memory: members rejoin after a restart; the group still exists.
        assertThat(describe(reader, "ledger").errorCode()).isEqualTo(ErrorCode.NONE);
        assertThat(describe(reader, "never-seen").errorCode()).isEqualTo(ErrorCode.GROUP_NOT_FOUND);
      }
    }
  }

  @Test
  void shouldDescribeMembersAssignmentsAndDeparturesAndShowLiveMembersInTheV1Views()
      throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient admin = broker.connect();
        Member a = new Member(broker, "search");
        Member b = new Member(broker, "search")) {
      createTopic(admin, "docs", 4);
      a.join("docs", 30_000);
      b.join("docs", 30_000);
      await()
          .atMost(EVENTUALLY)
          .until(
              () ->
                  heartbeatAll(List.of(a, b))
                      && a.owned.size() == 2
                      && describe(a, "search").state().equals("Stable"));

      GroupDescribeResponse described = describe(a, "search");
      assertThat(described.state()).isEqualTo("Stable");
      assertThat(described.assignor()).isEqualTo("sticky");
      assertThat(described.members())
          .extracting(GroupDescribeResponse.Member::memberId)
          .containsExactlyElementsOf(new TreeSet<>(List.of(a.memberId, b.memberId)));
      GroupDescribeResponse.Member first =
          described.members().stream()
              .filter(m -> m.memberId().equals(a.memberId))
              .findFirst()
              .orElseThrow();
      assertThat(first.assignment()).isEqualTo(a.owned);
      assertThat(first.topics()).containsExactly("docs");
      assertThat(first.client()).isEqualTo("127.0.0.1:" + a.client.socket().getLocalPort());

      // v1 views see the live members; DELETE_GROUP refuses to delete a group in use.
      ListGroupsResponse listed =
          (ListGroupsResponse) admin.requestV1(new EmptyRequest(Opcode.LIST_GROUPS)).message();
      assertThat(listed.groups()).containsExactly(new GroupSummary("docs", "search", 2, List.of()));
      ErrorResponse refused =
          (ErrorResponse)
              admin
                  .requestV1(new GroupRequest(Opcode.DELETE_GROUP, Optional.empty(), "search"))
                  .message();
      assertThat(refused.message()).startsWith("consumer group has live members: search");

      AckResponse left =
          b.call(new LeaveGroupRequest("search", b.memberId, "poll timeout"), AckResponse.class);
      assertThat(left.success()).isTrue();
      described = describe(a, "search");
      assertThat(described.members()).hasSize(1);
      assertThat(described.departures())
          .extracting(
              GroupDescribeResponse.Departure::memberId, GroupDescribeResponse.Departure::reason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(b.memberId, "poll timeout"));
      assertThat(
              b.call(new LeaveGroupRequest("search", b.memberId, "left"), AckResponse.class)
                  .success())
          .isFalse();
    }
  }
}
