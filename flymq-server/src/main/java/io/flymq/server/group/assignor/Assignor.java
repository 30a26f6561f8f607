package io.flymq.server.group.assignor;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A strategy that computes a group's target assignment: which member should own each partition of
 * the topics its members subscribe to. The coordinator runs it on every change of membership,
 * subscriptions or partition counts (docs/protocol.md#membership).
 *
 * <p>Contract: the result has an entry (possibly empty) for every member; every partition of every
 * subscribed topic listed in {@code partitionCounts} goes to exactly one member subscribed to its
 * topic; topics missing from {@code partitionCounts} (not created yet) are assigned to nobody. The
 * result depends only on the arguments (no clock, no randomness), so the same group state always
 * yields the same target.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Assignor {

  /** The name members ask for in JOIN_GROUP: {@code range}, {@code roundrobin}, {@code sticky}. */
  String name();

  /**
   * Computes the target assignment.
   *
   * @param subscriptions each member's subscribed topics, by member id
   * @param partitionCounts the partition count of each subscribed topic that exists
   * @param current the previous target by member id (members may have left since, new members are
   *     missing); only sticky strategies read it
   * @return the new target by member id, sorted
   */
  SortedMap<String, SortedSet<PartitionRef>> assign(
      SortedMap<String, Set<String>> subscriptions,
      Map<String, Integer> partitionCounts,
      Map<String, ? extends Set<PartitionRef>> current);
}
