package io.flymq.server.group;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.GroupCommitRequest.CommitEntry;
import io.flymq.protocol.message.membership.GroupCommitResponse;
import io.flymq.protocol.message.membership.GroupDescribeResponse;
import io.flymq.protocol.message.membership.GroupOffsetsRequest;
import io.flymq.protocol.message.membership.GroupOffsetsResponse;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.HeartbeatResponse;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.protocol.message.membership.PartitionRef;
import io.flymq.server.group.ConsumerGroup.LiveMember;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of v2 consumer groups (docs/protocol.md#membership): every group this
 * broker coordinates, their membership and target assignments, commit fencing, and the sweeper that
 * removes members whose session timed out. On one broker it coordinates every group (DESIGN 7: the
 * coordinator is the leader of the group's {@code __consumer_offsets} partition).
 *
 * <p>Membership lives in memory only: after a restart members rejoin (their heartbeats get {@code
 * UNKNOWN_MEMBER}); committed offsets are durable in the {@link OffsetStore}.
 *
 * <p>Thread-safe. Groups are independent: each guards its state with its own lock, held only for
 * in-memory work, so the methods are safe to call on event loops; {@link #commit} returns a future
 * completed once the offsets store has appended the commits.
 */
public final class GroupCoordinator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);

  /** How often the sweeper looks for expired sessions: a small fraction of any sane timeout. */
  public static final Duration SWEEP_INTERVAL = Duration.ofMillis(100);

  private final OffsetStore offsets;
  private final PartitionCounts partitionCounts;
  private final Clock clock;
  private final ConcurrentHashMap<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
  private volatile ScheduledFuture<?> sweeper;

  /**
   * @param partitionCounts the topics' partition counts (the metadata image)
   * @param clock the time sessions are measured in
   */
  public GroupCoordinator(OffsetStore offsets, PartitionCounts partitionCounts, Clock clock) {
    this.offsets = offsets;
    this.partitionCounts = partitionCounts;
    this.clock = clock;
  }

  /** Runs {@link #sweep()} every {@link #SWEEP_INTERVAL} on {@code scheduler} until closed. */
  public void startSweeper(ScheduledExecutorService scheduler) {
    long periodMs = SWEEP_INTERVAL.toMillis();
    sweeper =
        scheduler.scheduleWithFixedDelay(
            this::sweepQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** JOIN_GROUP from {@code client} (the connection's remote address). */
  public JoinGroupResponse join(JoinGroupRequest request, String client) {
    return group(request.group()).join(request, client);
  }

  /**
   * GROUP_HEARTBEAT; {@code UNKNOWN_MEMBER} for a group or member this coordinator does not know.
   */
  public HeartbeatResponse heartbeat(HeartbeatRequest request) {
    ConsumerGroup group = groups.get(request.group());
    return group == null
        ? new HeartbeatResponse(ErrorCode.UNKNOWN_MEMBER, 0, List.of())
        : group.heartbeat(request);
  }

  /**
   * LEAVE_GROUP; an empty reason is recorded as {@code left}.
   *
   * @return false when the member was not in the group (nothing changes)
   */
  public boolean leave(LeaveGroupRequest request) {
    ConsumerGroup group = groups.get(request.group());
    String reason = request.reason().isEmpty() ? "left" : request.reason();
    return group != null && group.leave(request.memberId(), reason);
  }

  /**
   * GROUP_COMMIT: fences the request (docs/protocol.md#membership), then stores the accepted
   * offsets with their metadata. A commit without a member id is checked only against the topics'
   * partition counts.
   *
   * @return one result per entry, in request order, once every accepted offset is stored; a
   *     partition whose append failed reports {@code STORAGE_ERROR}
   */
  public CompletableFuture<GroupCommitResponse> commit(GroupCommitRequest request) {
    List<CommitEntry> entries = request.offsets();
    List<ErrorCode> checks = check(request);
    List<CompletableFuture<ErrorCode>> results = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      CommitEntry entry = entries.get(i);
      if (checks.get(i) != ErrorCode.NONE) {
        results.add(CompletableFuture.completedFuture(checks.get(i)));
        continue;
      }
      OffsetKey key = new OffsetKey(request.group(), entry.topic(), entry.partition());
      Optional<String> metadata =
          entry.metadata().isEmpty() ? Optional.empty() : Optional.of(entry.metadata());
      results.add(
          offsets
              .commit(key, entry.offset(), metadata)
              .handle(
                  (stored, error) -> error == null ? ErrorCode.NONE : storageError(key, error)));
    }
    return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            done -> {
              List<GroupCommitResponse.Result> answer = new ArrayList<>(entries.size());
              for (int i = 0; i < entries.size(); i++) {
                CommitEntry entry = entries.get(i);
                answer.add(
                    new GroupCommitResponse.Result(
                        entry.topic(), entry.partition(), results.get(i).join()));
              }
              return new GroupCommitResponse(answer);
            });
  }

  private List<ErrorCode> check(GroupCommitRequest request) {
    List<PartitionRef> partitions =
        request.offsets().stream().map(e -> new PartitionRef(e.topic(), e.partition())).toList();
    if (request.memberId().isEmpty()) {
      return partitions.stream().map(this::existence).toList();
    }
    ConsumerGroup group = groups.get(request.group());
    if (group == null) {
      return partitions.stream().map(p -> ErrorCode.UNKNOWN_MEMBER).toList();
    }
    return group.fence(request.memberId(), request.generation(), partitions);
  }

  private ErrorCode existence(PartitionRef partition) {
    OptionalInt count = partitionCounts.partitionCount(partition.topic());
    return count.isPresent() && partition.partition() < count.getAsInt()
        ? ErrorCode.NONE
        : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  }

  private static ErrorCode storageError(OffsetKey key, Throwable error) {
    log.warn("commit of {} failed: {}", key, error.toString());
    return ErrorCode.STORAGE_ERROR;
  }

  /** GROUP_OFFSETS: the committed offset and metadata of each partition (-1 and "" when none). */
  public GroupOffsetsResponse committed(GroupOffsetsRequest request) {
    List<GroupOffsetsResponse.Committed> answer = new ArrayList<>();
    for (PartitionRef partition : request.partitions()) {
      Optional<CommittedOffset> committed =
          offsets.committed(
              new OffsetKey(request.group(), partition.topic(), partition.partition()));
      answer.add(
          new GroupOffsetsResponse.Committed(
              partition.topic(),
              partition.partition(),
              committed.map(CommittedOffset::offset).orElse(-1L),
              committed.flatMap(CommittedOffset::metadata).orElse("")));
    }
    return new GroupOffsetsResponse(answer);
  }

  /**
   * GROUP_DESCRIBE: {@code GROUP_NOT_FOUND} when the group has no members, no recorded departures
   * and no committed offsets.
   */
  public GroupDescribeResponse describe(String groupId) {
    ConsumerGroup group = groups.get(groupId);
    if (group != null && group.known()) {
      return group.describe();
    }
    boolean committed = offsets.groups().stream().anyMatch(g -> g.group().equals(groupId));
    return new GroupDescribeResponse(
        committed ? ErrorCode.NONE : ErrorCode.GROUP_NOT_FOUND,
        "Empty",
        0,
        "",
        List.of(),
        List.of());
  }

  /**
   * The live members of every group that has some, by group id, each member with its subscription;
   * for the v1 admin views (LIST_GROUPS, DESCRIBE_GROUP, DELETE_GROUP).
   */
  public SortedMap<String, List<Member>> liveMembers() {
    SortedMap<String, List<Member>> live = new TreeMap<>();
    groups.forEach(
        (id, group) -> {
          List<Member> members =
              group.liveMembers().stream()
                  .map(m -> new Member(m.memberId(), List.copyOf(m.topics())))
                  .toList();
          if (!members.isEmpty()) {
            live.put(id, members);
          }
        });
    return live;
  }

  /** The ids of a group's live members, sorted; empty when it has none. */
  public List<String> liveMemberIds(String groupId) {
    ConsumerGroup group = groups.get(groupId);
    return group == null
        ? List.of()
        : group.liveMembers().stream().map(LiveMember::memberId).toList();
  }

  /**
   * A live member as the admin views need it.
   *
   * @param memberId its id
   * @param topics its subscription, sorted
   */
  public record Member(String memberId, List<String> topics) {}

  /** Removes expired members of every group now (the sweeper's work; tests call it directly). */
  public void sweep() {
    for (ConsumerGroup group : groups.values()) {
      group.expire();
    }
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // A failed sweep must not cancel the schedule: sessions would then never expire.
      log.error("group session sweep failed", e);
    }
  }

  /** The group's state, for tests. */
  ConsumerGroup groupState(String groupId) {
    return groups.get(groupId);
  }

  private ConsumerGroup group(String groupId) {
    return groups.computeIfAbsent(
        groupId,
        id -> new ConsumerGroup(id, clock, partitionCounts, () -> "member-" + UUID.randomUUID()));
  }

  /** Stops the sweeper; members stay as they are. */
  @Override
  public void close() {
    ScheduledFuture<?> running = sweeper;
    if (running != null) {
      running.cancel(false);
    }
  }
}
