package io.flymq.client.internal.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerConfig;
import io.flymq.client.consumer.ConsumerGroupMetadata;
import io.flymq.client.consumer.ConsumerRebalanceListener;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.internal.Backoff;
import io.flymq.protocol.Message;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.HeartbeatResponse;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.protocol.message.membership.PartitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership of a consumer group (docs/protocol.md 2.9), the {@link AssignmentSource} of a consumer
 * that subscribes with a {@code group.id}: the coordinator decides which partitions the member
 * owns, and this class makes the consumer follow.
 *
 * <p><b>Lifecycle.</b> The first {@link #current()} sends JOIN_GROUP. Once joined, a heartbeat runs
 * on the client's scheduler every heartbeat interval, reporting the partitions the consumer owns;
 * its answer is the assignment the member should have. The poll thread applies a new assignment at
 * the start of its next poll, revocations first: revoked partitions are auto-committed (with {@code
 * enable.auto.commit}), reported to {@link ConsumerRebalanceListener#onPartitionsRevoked} and
 * dropped (buffered data and fetch state); then added partitions are reported to {@link
 * ConsumerRebalanceListener#onPartitionsAssigned} and start at their committed offsets. The next
 * heartbeat (sent at once after a revocation) reports the smaller owned set, which lets the
 * coordinator hand the revoked partitions to their new owner.
 *
 * <p><b>Removal.</b> UNKNOWN_MEMBER (on a heartbeat or a commit) means the coordinator removed the
 * member: the next poll reports every owned partition to {@link
 * ConsumerRebalanceListener#onPartitionsLost}, drops them without committing, and joins again as a
 * new member. A consumer that does not poll for {@code max.poll.interval.ms} leaves with reason
 * {@code poll timeout} (detected by the heartbeat) and is treated the same on its next poll.
 *
 * <p><b>Stale generation.</b> STALE_GENERATION on a commit means the coordinator counts the member
 * from a later generation than the commit carried: it processed a JOIN of this member whose answer
 * was not applied here. The member id is still valid, so nothing is lost: the commit fails (it is
 * never retried under another generation) and the next poll sends a heartbeat, whose answer brings
 * the current generation and the assignment, applied as any other. (Heartbeats are never answered
 * STALE_GENERATION: the coordinator does not check their generation.)
 *
 * <p><b>Threads.</b> {@link #current()}, {@link #release}, {@link #enforceRebalance()} and the
 * listener run on the polling thread. Heartbeats and their answers run on the client's timer and
 * I/O threads; the state they share with the polling thread (member id, generation, the latest
 * assignment, removal) is guarded by this object's monitor, and the owned set they report is a
 * volatile snapshot the polling thread publishes.
 */
public final class GroupMembership implements AssignmentSource {
  private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);

  /** LEAVE_GROUP reason of a consumer that closes or unsubscribes. */
  public static final String REASON_LEFT = "left";

  /** LEAVE_GROUP reason of a consumer that did not poll for {@code max.poll.interval.ms}. */
  public static final String REASON_POLL_TIMEOUT = "poll timeout";

  private final FlyMQClient client;
  private final ConsumerConfig config;
  private final String groupId;
  private final String instanceId;
  private final List<String> topics;
  private final ConsumerRebalanceListener listener;
  private final SubscriptionState subscriptions;
  private final Committer committer;
  private final Runnable wake;
  private final Backoff joinBackoff;

  // Guarded by this: written by the I/O and timer threads as well as the polling thread.
  private String memberId = "";
  private int generation = ConsumerGroupMetadata.NO_GENERATION;
  private boolean member;
  private int joinEpoch;
  private Set<TopicPartition> latestAssignment;
  private String removal;
  private boolean heartbeatInFlight;
  private boolean refreshRequested;
  private ScheduledFuture<?> heartbeats;
  private boolean released;

  private volatile Set<TopicPartition> owned = Set.of();
  private volatile long lastPollNanos = System.nanoTime();

  // Polling thread only.
  private CompletableFuture<JoinGroupResponse> join;
  private boolean rejoinRequested;
  private long joinRetryAtNanos;
  private int joinFailures;

  /**
   * Creates the membership; nothing is sent before the first {@link #current()}.
   *
   * @param client sends the group requests; its scheduler runs the heartbeats
   * @param config group id, instance id, timeouts and assignment strategy ({@code group.id} set)
   * @param topics the subscribed topics, at least one
   * @param listener hears revoked, assigned and lost partitions
   * @param subscriptions the consumer's partitions, changed as the assignment changes
   * @param committer auto-commits revoked partitions
   * @param wake called (on any thread) when the next poll has something to apply
   */
  public GroupMembership(
      FlyMQClient client,
      ConsumerConfig config,
      Collection<String> topics,
      ConsumerRebalanceListener listener,
      SubscriptionState subscriptions,
      Committer committer,
      Runnable wake) {
    this.client = client;
    this.config = config;
    this.groupId =
        config.groupId().orElseThrow(() -> new IllegalStateException("group.id: (not set)"));
    this.instanceId = config.groupInstanceId().orElse("");
    this.topics = List.copyOf(new LinkedHashSet<>(topics));
    this.listener = listener;
    this.subscriptions = subscriptions;
    this.committer = committer;
    this.wake = wake;
    this.joinBackoff =
        new Backoff(config.clientConfig().retryBackoff(), config.clientConfig().retryBackoffMax());
  }

  @Override
  public Set<String> topics() {
    return Set.copyOf(topics);
  }

  /**
   * Joins or rejoins when due, applies a removal or a new assignment, and returns the partitions
   * owned now (already applied to the subscription state).
   *
   * @throws FlyMQException when the coordinator refuses the member for good (e.g. another assignor
   *     than the group's); the next call tries again
   */
  @Override
  public Set<TopicPartition> current() {
    long now = System.nanoTime();
    lastPollNanos = now;
    String removed = takeRemoval();
    if (removed != null) {
      lose(removed);
    }
    if (join != null && join.isDone()) {
      completeJoin(now);
    }
    if (refreshPending()) {
      heartbeatSoon();
    }
    if (join == null && (!isMember() || rejoinRequested) && now - joinRetryAtNanos >= 0) {
      startJoin();
    }
    Set<TopicPartition> next = takeAssignment();
    if (next != null) {
      reconcile(next);
    }
    return Set.copyOf(subscriptions.assigned());
  }

  // ---- joining ----

  private void startJoin() {
    String id;
    synchronized (this) {
      // A rejoin asked for by enforceRebalance keeps the id; a removed member gets a new one.
      id = member ? memberId : "";
    }
    rejoinRequested = false;
    JoinGroupRequest request =
        new JoinGroupRequest(
            groupId,
            id,
            instanceId,
            topics,
            millis(config.sessionTimeout()),
            millis(config.maxPollInterval()),
            config.assignmentStrategy().wireName());
    LOG.debug("joining group {} as '{}' for {}", groupId, id, topics);
    CompletableFuture<JoinGroupResponse> sent =
        client.call(request).thenApply(JoinGroupResponse.class::cast);
    sent.whenComplete((response, error) -> wake.run());
    join = sent;
  }

  private void completeJoin(long now) {
    CompletableFuture<JoinGroupResponse> done = join;
    join = null;
    JoinGroupResponse response;
    try {
      response = done.join();
    } catch (RuntimeException e) {
      joinFailed(now, OffsetLookups.asFlyMQ(e, "joining group " + groupId));
      return;
    }
    if (response.errorCode() != ErrorCode.NONE) {
      joinFailed(
          now,
          FlyMQException.of(
              response.errorCode(), "joining group " + groupId + ": " + response.errorCode()));
      return;
    }
    joinFailures = 0;
    int intervalMs =
        config
            .heartbeatInterval()
            .map(GroupMembership::millis)
            .orElse(
                response.heartbeatIntervalMs() > 0
                    ? response.heartbeatIntervalMs()
                    : Math.max(1, millis(config.sessionTimeout()) / 3));
    synchronized (this) {
      if (released) {
        return;
      }
      if (!response.memberId().equals(memberId)) {
        joinEpoch++;
      }
      memberId = response.memberId();
      generation = response.generation();
      member = true;
      if (heartbeats != null) {
        heartbeats.cancel(false);
      }
      heartbeats =
          client
              .scheduler()
              .scheduleWithFixedDelay(this::heartbeat, 0, intervalMs, TimeUnit.MILLISECONDS);
    }
    LOG.info(
        "joined group {} as member {} (generation {}, heartbeat every {} ms)",
        groupId,
        response.memberId(),
        response.generation(),
        intervalMs);
  }

  private void joinFailed(long now, FlyMQException error) {
    joinFailures++;
    joinRetryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(joinBackoff.delayMs(joinFailures));
    if (error.retriable()) {
      // Unreachable or answering a retriable error for now: keep polling (and returning buffered
      // records), and join again after the backoff.
      LOG.warn("joining group {} failed, retrying: {}", groupId, error.getMessage());
      // poll starts a member's JOIN only while a rejoin is requested, and startJoin cleared the
      // request: restore it, or the rejoin of enforceRebalance is dropped. A non-member retries
      // anyway.
      if (isMember()) {
        rejoinRequested = true;
      }
      return;
    }
    throw error;
  }

  /** Rejoins with the same member id on the next poll, keeping the partitions meanwhile. */
  public void enforceRebalance() {
    if (isMember()) {
      rejoinRequested = true;
    }
  }

  // ---- heartbeats (timer and I/O threads) ----

  private void heartbeat() {
    HeartbeatRequest request = null;
    int epoch = 0;
    String timedOut = null;
    synchronized (this) {
      if (!member || heartbeatInFlight || released) {
        return;
      }
      if (System.nanoTime() - lastPollNanos > config.maxPollInterval().toNanos()) {
        timedOut = memberId;
        removed(REASON_POLL_TIMEOUT);
      } else {
        heartbeatInFlight = true;
        // Sent after the stale-generation answer arrived, hence processed after the JOIN that
        // made the generation stale: its answer's generation is at least that JOIN's.
        refreshRequested = false;
        epoch = joinEpoch;
        request = new HeartbeatRequest(groupId, memberId, generation, refs(owned));
      }
    }
    if (timedOut != null) {
      leaveForPollTimeout(timedOut);
      return;
    }
    Duration timeout = min(config.clientConfig().requestTimeout(), config.sessionTimeout());
    int sentEpoch = epoch;
    client
        .send(request, timeout)
        .whenComplete((reply, error) -> onHeartbeat(sentEpoch, reply, error));
  }

  private synchronized void onHeartbeat(int epoch, Message reply, Throwable error) {
    heartbeatInFlight = false;
    if (!member || epoch != joinEpoch || released) {
      return;
    }
    if (error != null) {
      // The next heartbeat tries again; the session timeout decides when it is too late.
      LOG.debug("heartbeat of {} in group {} failed: {}", memberId, groupId, error.toString());
      return;
    }
    HeartbeatResponse response = (HeartbeatResponse) reply;
    if (response.errorCode() == ErrorCode.UNKNOWN_MEMBER) {
      removed("the coordinator no longer knows member " + memberId);
    } else if (response.errorCode() != ErrorCode.NONE) {
      LOG.warn("heartbeat of {} in group {}: {}", memberId, groupId, response.errorCode());
    } else {
      generation = response.generation();
      Set<TopicPartition> assignment = partitions(response.assignment());
      latestAssignment = assignment;
      if (!assignment.equals(owned)) {
        wake.run();
      }
    }
    if (refreshRequested) {
      // A stale-generation answer arrived while this heartbeat was in flight: ask again.
      heartbeatSoon();
    }
  }

  /** Sends a heartbeat now (after a revocation, so the coordinator can move the partitions). */
  private void heartbeatSoon() {
    client.scheduler().execute(this::heartbeat);
  }

  private void leaveForPollTimeout(String id) {
    LOG.warn(
        "member {} of group {} did not poll for {} ms (max.poll.interval.ms): leaving the group;"
            + " it rejoins on the next poll",
        id,
        groupId,
        config.maxPollInterval().toMillis());
    sendLeave(id, REASON_POLL_TIMEOUT);
  }

  /**
   * Records that the coordinator removed the member (a heartbeat or a commit was answered
   * UNKNOWN_MEMBER); the next poll reports the partitions lost and rejoins. Thread-safe.
   */
  public synchronized void removed(String why) {
    if (!member) {
      return;
    }
    member = false;
    joinEpoch++;
    memberId = "";
    generation = ConsumerGroupMetadata.NO_GENERATION;
    latestAssignment = null;
    removal = why;
    stopHeartbeats();
    wake.run();
  }

  /**
   * Records that the coordinator fenced a commit sent with {@code fencedGeneration} as
   * STALE_GENERATION; the next poll sends a heartbeat for the current generation and assignment.
   * The member keeps its id and partitions meanwhile. Thread-safe.
   */
  public synchronized void staleGeneration(int fencedGeneration) {
    if (!member || released) {
      return;
    }
    LOG.info(
        "group {}: a commit of member {} with generation {} was fenced as stale; refreshing the"
            + " membership on the next poll",
        groupId,
        memberId,
        fencedGeneration);
    refreshRequested = true;
    wake.run();
  }

  private synchronized boolean refreshPending() {
    return refreshRequested && member;
  }

  private void stopHeartbeats() {
    if (heartbeats != null) {
      heartbeats.cancel(false);
      heartbeats = null;
    }
  }

  // ---- applying assignments (polling thread) ----

  private synchronized String takeRemoval() {
    String why = removal;
    removal = null;
    return why;
  }

  private synchronized Set<TopicPartition> takeAssignment() {
    Set<TopicPartition> next = latestAssignment;
    latestAssignment = null;
    return next;
  }

  private void lose(String why) {
    Set<TopicPartition> lost = Set.copyOf(subscriptions.assigned());
    LOG.warn("group {}: member removed ({}); partitions lost: {}", groupId, why, lost);
    // Not committed: another member may own them already, and the coordinator fences the commit.
    if (!lost.isEmpty()) {
      notify(listener::onPartitionsLost, lost, "onPartitionsLost");
    }
    publish(Set.of());
  }

  private void reconcile(Set<TopicPartition> assignment) {
    Set<TopicPartition> before = new LinkedHashSet<>(subscriptions.assigned());
    Set<TopicPartition> revoked = new LinkedHashSet<>(before);
    revoked.removeAll(assignment);
    Set<TopicPartition> added = new LinkedHashSet<>(assignment);
    added.removeAll(before);
    if (!revoked.isEmpty()) {
      commitQuietly();
      notify(listener::onPartitionsRevoked, revoked, "onPartitionsRevoked");
      Set<TopicPartition> kept = new LinkedHashSet<>(subscriptions.assigned());
      kept.removeAll(revoked);
      publish(kept);
      LOG.info("group {}: revoked {}", groupId, revoked);
      heartbeatSoon();
    }
    if (!added.isEmpty()) {
      Set<TopicPartition> all = new LinkedHashSet<>(subscriptions.assigned());
      all.addAll(added);
      publish(all);
      LOG.info("group {}: assigned {}", groupId, added);
      notify(listener::onPartitionsAssigned, added, "onPartitionsAssigned");
    }
  }

  /** Makes {@code partitions} the consumer's partitions and the owned set heartbeats report. */
  private void publish(Set<TopicPartition> partitions) {
    subscriptions.assign(partitions);
    owned = Set.copyOf(partitions);
  }

  private void commitQuietly() {
    try {
      committer
          .autoCommitNow(subscriptions)
          .get(config.clientConfig().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Logged by the committer; the partitions are given up anyway, and re-read from the last
      // commit by their next owner (at-least-once).
      LOG.debug("auto-commit before revocation failed", e);
    }
  }

  private void notify(
      Consumer<Collection<TopicPartition>> callback, Set<TopicPartition> partitions, String name) {
    try {
      callback.accept(Set.copyOf(partitions));
    } catch (RuntimeException e) {
      LOG.error("{}({}) of group {} threw; continuing", name, partitions, groupId, e);
    }
  }

  // ---- leaving ----

  /**
   * Stops the membership (unsubscribe, a new subscription, or close): auto-commits, reports the
   * owned partitions revoked, stops the heartbeats and sends LEAVE_GROUP (reason {@code left}),
   * waiting up to {@code timeout} for it. A static member ({@code group.instance.id}) that closes
   * does not leave, so that it gets its partitions back if it restarts within the session timeout.
   */
  @Override
  public void release(boolean closing, Duration timeout) {
    Set<TopicPartition> revoked = Set.copyOf(subscriptions.assigned());
    if (!revoked.isEmpty()) {
      commitQuietly();
      notify(listener::onPartitionsRevoked, revoked, "onPartitionsRevoked");
    }
    publish(Set.of());
    String leaving = null;
    synchronized (this) {
      released = true;
      stopHeartbeats();
      if (member && !(closing && !instanceId.isEmpty())) {
        leaving = memberId;
      }
    }
    if (leaving != null) {
      try {
        sendLeave(leaving, REASON_LEFT).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("leaving group {} failed: {}", groupId, e.toString());
      }
    }
    synchronized (this) {
      member = false;
    }
    if (join != null && !(closing && !instanceId.isEmpty())) {
      // A join still in flight would leave a member behind until its session times out.
      join.thenAccept(
          response -> {
            if (response.errorCode() == ErrorCode.NONE) {
              sendLeave(response.memberId(), REASON_LEFT);
            }
          });
      join = null;
    }
  }

  /**
   * Stops heartbeating without leaving or committing, as a crashed process would: for tests that
   * need a member the coordinator must time out.
   */
  public synchronized void abandon() {
    released = true;
    stopHeartbeats();
  }

  private CompletableFuture<Message> sendLeave(String id, String reason) {
    LOG.info("member {} leaves group {} ({})", id, groupId, reason);
    return client.send(
        new LeaveGroupRequest(groupId, id, reason), config.clientConfig().requestTimeout());
  }

  // ---- state for commits and groupMetadata() ----

  /** Whether the member joined and was not removed since. Thread-safe. */
  public synchronized boolean isMember() {
    return member;
  }

  /** The member id, generation and instance id now. Thread-safe. */
  public synchronized ConsumerGroupMetadata metadata() {
    return new ConsumerGroupMetadata(
        groupId,
        member ? generation : ConsumerGroupMetadata.NO_GENERATION,
        member ? memberId : "",
        Optional.ofNullable(instanceId.isEmpty() ? null : instanceId));
  }

  // ---- conversions ----

  private static List<PartitionRef> refs(Set<TopicPartition> partitions) {
    List<PartitionRef> refs = new ArrayList<>(partitions.size());
    for (TopicPartition tp : partitions) {
      refs.add(new PartitionRef(tp.topic(), tp.partition()));
    }
    refs.sort(null);
    return refs;
  }

  private static Set<TopicPartition> partitions(List<PartitionRef> refs) {
    Set<TopicPartition> partitions = new LinkedHashSet<>();
    for (PartitionRef ref : refs) {
      partitions.add(new TopicPartition(ref.topic(), ref.partition()));
    }
    return Set.copyOf(partitions);
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
