package io.flymq.server.group;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import io.flymq.protocol.message.membership.GroupDescribeResponse.Departure;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.HeartbeatResponse;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.protocol.message.membership.PartitionRef;
import io.flymq.server.group.assignor.Assignor;
import io.flymq.server.group.assignor.Assignors;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer group's membership: its live members, the target assignment its assignor computed
 * for them, the generation (bumped on every recompute) and the latest departures. Implements the
 * rules of docs/protocol.md#membership.
 *
 * <p>Invariants: {@code target} has an entry for every member and for no one else; a partition is
 * in at most one member's target. A member's heartbeat answer is its target minus every partition
 * another member still reports owning, so a moving partition reaches its new owner only after the
 * old owner has stopped reporting it (or has left).
 *
 * <p>Thread-safe: every method is {@code synchronized} on the group (the group's own lock, so
 * groups never contend with each other). Nothing under the lock blocks: partition counts come from
 * the in-memory metadata image.
 */
final class ConsumerGroup {
  private static final Logger log = LoggerFactory.getLogger(ConsumerGroup.class);

  /** Departures GROUP_DESCRIBE reports. */
  static final int DEPARTURES_KEPT = 20;

  private final String groupId;
  private final Clock clock;
  private final PartitionCounts partitionCounts;
  private final Supplier<String> newMemberId;
  private final SortedMap<String, GroupMember> members = new TreeMap<>();
  private final Map<String, String> memberByInstance = new HashMap<>();
  private final Deque<Departure> departures = new ArrayDeque<>();
  private SortedMap<String, SortedSet<PartitionRef>> target = new TreeMap<>();
  private Map<String, Integer> countsUsed = Map.of();
  private Assignor assignor;
  private int generation;

  ConsumerGroup(
      String groupId, Clock clock, PartitionCounts partitionCounts, Supplier<String> newMemberId) {
    this.groupId = groupId;
    this.clock = clock;
    this.partitionCounts = partitionCounts;
    this.newMemberId = newMemberId;
  }

  /**
   * JOIN_GROUP: admits a new member, or takes a known member's (or static instance's) new settings.
   */
  synchronized JoinGroupResponse join(JoinGroupRequest request, String client) {
    String asked = request.assignor().isEmpty() ? currentAssignorName() : request.assignor();
    Optional<Assignor> wanted = Assignors.byName(asked);
    if (wanted.isEmpty() || (assignor != null && !assignor.name().equals(asked))) {
      log.info(
          "group {}: refused a member from {} asking for assignor '{}' (group uses {}, known: {})",
          groupId,
          client,
          asked,
          currentAssignorName(),
          Assignors.names());
      return new JoinGroupResponse(ErrorCode.INVALID_REQUEST, request.memberId(), generation, 0);
    }
    long now = clock.millis();
    GroupMember member = known(request);
    int heartbeatIntervalMs = Math.max(1, request.sessionTimeoutMs() / 3);
    if (member == null) {
      member = new GroupMember(newMemberId.get(), request.instanceId());
      member.update(
          client, request.topics(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs());
      member.heardFrom(now);
      if (members.isEmpty()) {
        assignor = wanted.get();
      }
      members.put(member.memberId(), member);
      if (!member.instanceId().isEmpty()) {
        memberByInstance.put(member.instanceId(), member.memberId());
      }
      log.info(
          "group {}: member {} joined from {} (instance '{}', topics {})",
          groupId,
          member.memberId(),
          client,
          member.instanceId(),
          member.topics());
      recompute("member " + member.memberId() + " joined");
    } else {
      rejoin(member, request, client, now);
    }
    member.joinedGeneration(generation);
    return new JoinGroupResponse(
        ErrorCode.NONE, member.memberId(), generation, heartbeatIntervalMs);
  }

  /** The member a JOIN names by member id, else by static instance id; null for a new member. */
  private GroupMember known(JoinGroupRequest request) {
    GroupMember byId = members.get(request.memberId());
    if (byId != null) {
      return byId;
    }
    String byInstance =
        request.instanceId().isEmpty() ? null : memberByInstance.get(request.instanceId());
    return byInstance == null ? null : members.get(byInstance);
  }

  private void rejoin(GroupMember member, JoinGroupRequest request, String client, long now) {
    boolean newIncarnation = !request.memberId().equals(member.memberId());
    boolean changed =
        member.update(
            client, request.topics(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs());
    member.heardFrom(now);
    if (newIncarnation) {
      // A restarted static member consumes nothing yet; forgetting the old incarnation's report
      // hands its target straight back, without a rebalance.
      member.owned(Set.of());
      member.trackRevocation(target.get(member.memberId()), now);
      log.info(
          "group {}: static instance '{}' rejoined from {} as member {}",
          groupId,
          member.instanceId(),
          client,
          member.memberId());
    }
    if (changed) {
      recompute("member " + member.memberId() + " changed its subscription to " + member.topics());
    }
  }

  /** GROUP_HEARTBEAT: records the member's report and answers what it should own now. */
  synchronized HeartbeatResponse heartbeat(HeartbeatRequest request) {
    GroupMember member = members.get(request.memberId());
    if (member == null) {
      return new HeartbeatResponse(ErrorCode.UNKNOWN_MEMBER, generation, List.of());
    }
    long now = clock.millis();
    member.heardFrom(now);
    member.owned(new HashSet<>(request.owned()));
    Map<String, Integer> counts = currentCounts();
    if (!counts.equals(countsUsed)) {
      recompute("partition counts changed to " + new TreeMap<>(counts));
    }
    member.trackRevocation(target.get(member.memberId()), now);
    return new HeartbeatResponse(
        ErrorCode.NONE, generation, List.copyOf(answer(member.memberId())));
  }

  /**
   * LEAVE_GROUP.
   *
   * @return false when the member is not (or no longer) in the group
   */
  synchronized boolean leave(String memberId, String reason) {
    GroupMember member = members.get(memberId);
    if (member == null) {
      return false;
    }
    remove(member, reason);
    recompute("member " + memberId + " left");
    return true;
  }

  /**
   * The commit fencing of docs/protocol.md#membership, for a non-empty member id.
   *
   * @return per partition, in order: NONE when the member may commit it, else why not
   */
  synchronized List<ErrorCode> fence(
      String memberId, int memberGeneration, List<PartitionRef> partitions) {
    GroupMember member = members.get(memberId);
    ErrorCode all =
        member == null
            ? ErrorCode.UNKNOWN_MEMBER
            : memberGeneration < member.joinedGeneration() ? ErrorCode.STALE_GENERATION : null;
    if (all != null) {
      return partitions.stream().map(p -> all).toList();
    }
    Set<PartitionRef> assigned = answer(memberId);
    return partitions.stream()
        .map(
            p ->
                assigned.contains(p) || member.owned().contains(p)
                    ? ErrorCode.NONE
                    : ErrorCode.PARTITION_NOT_ASSIGNED)
        .toList();
  }

  /**
   * Removes every member whose session timed out, or that kept a revoked partition past its
   * rebalance timeout, and recomputes once if any went.
   *
   * @return how many members were removed
   */
  synchronized int expire() {
    long now = clock.millis();
    List<GroupMember> expired = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (GroupMember member : members.values()) {
      if (member.sessionExpired(now)) {
        expired.add(member);
        reasons.add("session timeout");
      } else if (member.revocationExpired(now)) {
        log.info(
            "group {}: member {} still reports revoked partitions {} after its rebalance timeout",
            groupId,
            member.memberId(),
            revoked(member));
        expired.add(member);
        reasons.add("fenced");
      }
    }
    for (int i = 0; i < expired.size(); i++) {
      remove(expired.get(i), reasons.get(i));
    }
    if (!expired.isEmpty()) {
      recompute(expired.size() + " member(s) expired");
    }
    return expired.size();
  }

  /** GROUP_DESCRIBE's view; {@code errorCode} is NONE. */
  synchronized GroupDescribeResponse describe() {
    List<GroupDescribeResponse.Member> live = new ArrayList<>();
    for (GroupMember member : members.values()) {
      live.add(
          new GroupDescribeResponse.Member(
              member.memberId(),
              member.instanceId(),
              member.client(),
              List.copyOf(member.topics()),
              List.copyOf(member.owned())));
    }
    return new GroupDescribeResponse(
        ErrorCode.NONE,
        state(),
        generation,
        assignor == null ? "" : assignor.name(),
        live,
        List.copyOf(departures));
  }

  /** A live member as the v1 admin views show it. */
  record LiveMember(String memberId, SortedSet<String> topics) {}

  /** The live members, sorted by id. */
  synchronized List<LiveMember> liveMembers() {
    return members.values().stream()
        .map(m -> new LiveMember(m.memberId(), new TreeSet<>(m.topics())))
        .toList();
  }

  /** Whether the group has had a member since the broker started (it has members or departures). */
  synchronized boolean known() {
    return !members.isEmpty() || !departures.isEmpty();
  }

  /**
   * {@code Empty} without members, {@code Reconciling} while some owned set differs from its
   * target.
   */
  synchronized String state() {
    if (members.isEmpty()) {
      return "Empty";
    }
    for (GroupMember member : members.values()) {
      if (!member.owned().equals(target.get(member.memberId()))) {
        return "Reconciling";
      }
    }
    return "Stable";
  }

  synchronized int generation() {
    return generation;
  }

  /** The member's target; empty for an unknown member. For tests and logs. */
  synchronized SortedSet<PartitionRef> target(String memberId) {
    return new TreeSet<>(target.getOrDefault(memberId, new TreeSet<>()));
  }

  /** The member's target minus what any other member still reports owning. */
  private SortedSet<PartitionRef> answer(String memberId) {
    SortedSet<PartitionRef> answer = new TreeSet<>(target.get(memberId));
    for (GroupMember other : members.values()) {
      if (!other.memberId().equals(memberId)) {
        answer.removeAll(other.owned());
      }
    }
    return answer;
  }

  private SortedSet<PartitionRef> revoked(GroupMember member) {
    SortedSet<PartitionRef> revoked = new TreeSet<>(member.owned());
    revoked.removeAll(target.get(member.memberId()));
    return revoked;
  }

  private void remove(GroupMember member, String reason) {
    members.remove(member.memberId());
    memberByInstance.remove(member.instanceId(), member.memberId());
    departures.addFirst(
        new Departure(member.memberId(), member.instanceId(), reason, clock.millis()));
    while (departures.size() > DEPARTURES_KEPT) {
      departures.removeLast();
    }
    log.info(
        "group {}: member {} (instance '{}', {}) departed: {}",
        groupId,
        member.memberId(),
        member.instanceId(),
        member.client(),
        reason);
  }

  /** Runs the assignor over the current members and topics and starts a new generation. */
  private void recompute(String why) {
    SortedMap<String, Set<String>> subscriptions = new TreeMap<>();
    members.forEach((id, member) -> subscriptions.put(id, member.topics()));
    Map<String, Integer> counts = currentCounts();
    target = members.isEmpty() ? new TreeMap<>() : assignor.assign(subscriptions, counts, target);
    countsUsed = counts;
    generation++;
    if (members.isEmpty()) {
      // The next first member picks the assignor again.
      assignor = null;
    }
    long now = clock.millis();
    members.values().forEach(m -> m.trackRevocation(target.get(m.memberId()), now));
    log.info(
        "group {}: generation {} ({}); {} member(s)", groupId, generation, why, members.size());
    log.debug("group {}: generation {} target {}", groupId, generation, target);
  }

  /** The partition count of every subscribed topic that exists now. */
  private Map<String, Integer> currentCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (GroupMember member : members.values()) {
      for (String topic : member.topics()) {
        if (!counts.containsKey(topic)) {
          OptionalInt count = partitionCounts.partitionCount(topic);
          if (count.isPresent()) {
            counts.put(topic, count.getAsInt());
          }
        }
      }
    }
    return counts;
  }

  private String currentAssignorName() {
    return assignor == null ? Assignors.DEFAULT : assignor.name();
  }
}
