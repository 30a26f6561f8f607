package io.flymq.server.group;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One live member of a {@link ConsumerGroup}: who it is, what it subscribes to, when it was last
 * heard from, and the partitions it reported owning in its latest heartbeat.
 *
 * <p>Not thread-safe: every field is read and written only under the owning group's lock.
 */
final class GroupMember {
  /** {@link #revokingSinceMs} when the member holds no partition outside its target. */
  static final long NOT_REVOKING = -1;

  private final String memberId;
  private final String instanceId;
  private String client;
  private SortedSet<String> topics;
  private int sessionTimeoutMs;
  private int rebalanceTimeoutMs;
  private long lastHeartbeatMs;
  private int joinedGeneration;
  private SortedSet<PartitionRef> owned = new TreeSet<>();
  private long revokingSinceMs = NOT_REVOKING;

  GroupMember(String memberId, String instanceId) {
    this.memberId = memberId;
    this.instanceId = instanceId;
  }

  String memberId() {
    return memberId;
  }

  /** The static instance id, empty for a dynamic member. */
  String instanceId() {
    return instanceId;
  }

  String client() {
    return client;
  }

  SortedSet<String> topics() {
    return topics;
  }

  int sessionTimeoutMs() {
    return sessionTimeoutMs;
  }

  int rebalanceTimeoutMs() {
    return rebalanceTimeoutMs;
  }

  long lastHeartbeatMs() {
    return lastHeartbeatMs;
  }

  int joinedGeneration() {
    return joinedGeneration;
  }

  /** The partitions the member reported owning in its latest heartbeat (empty before the first). */
  SortedSet<PartitionRef> owned() {
    return owned;
  }

  /** Since when the member has kept a partition outside its target, or {@link #NOT_REVOKING}. */
  long revokingSinceMs() {
    return revokingSinceMs;
  }

  /**
   * Takes the settings of a JOIN_GROUP.
   *
   * @return whether the subscription changed
   */
  boolean update(String client, List<String> topics, int sessionTimeoutMs, int rebalanceTimeoutMs) {
    SortedSet<String> subscribed = new TreeSet<>(topics);
    boolean changed = !subscribed.equals(this.topics);
    this.client = client;
    this.topics = subscribed;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.rebalanceTimeoutMs = rebalanceTimeoutMs;
    return changed;
  }

  void heardFrom(long nowMs) {
    this.lastHeartbeatMs = nowMs;
  }

  void joinedGeneration(int generation) {
    this.joinedGeneration = generation;
  }

  void owned(Set<PartitionRef> partitions) {
    this.owned = new TreeSet<>(partitions);
  }

  /**
   * Starts or stops the revocation clock: it runs while the member owns a partition outside {@code
   * target}, from the first moment that was seen.
   */
  void trackRevocation(Set<PartitionRef> target, long nowMs) {
    boolean revoking = !target.containsAll(owned);
    if (!revoking) {
      revokingSinceMs = NOT_REVOKING;
    } else if (revokingSinceMs == NOT_REVOKING) {
      revokingSinceMs = nowMs;
    }
  }

  /** Whether the member has not been heard from for its whole session timeout. */
  boolean sessionExpired(long nowMs) {
    return nowMs - lastHeartbeatMs >= sessionTimeoutMs;
  }

  /** Whether the member has kept a revoked partition for its whole rebalance timeout. */
  boolean revocationExpired(long nowMs) {
    return revokingSinceMs != NOT_REVOKING && nowMs - revokingSinceMs >= rebalanceTimeoutMs;
  }
}
