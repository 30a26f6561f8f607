package io.flymq.server.group.assignor;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * {@code sticky}: as balanced as {@code roundrobin} (with equal subscriptions the counts differ by
 * at most one), but every partition stays with its previous owner unless the balance needs it
 * elsewhere, so a join or leave moves as few partitions as it can.
 *
 * <p>Three steps, each deterministic:
 *
 * <ol>
 *   <li>keep: a partition whose previous owner is still a member subscribed to its topic stays;
 *   <li>place: every other partition (new topic, departed owner) goes, in sorted order, to the
 *       least-loaded subscribed member (ties: lowest member id);
 *   <li>balance: while some member has at least two partitions more than a member that could take
 *       one of them, its highest such partition moves to the least-loaded such member. Donors only
 *       lose and receivers only gain, so no partition moves twice and only the excess moves; every
 *       move lowers the sum of squared counts, so the loop ends.
 * </ol>
 *
 * <p>Stateless; thread-safe.
 */
public final class StickyAssignor implements Assignor {
  /** The JOIN_GROUP name. */
  public static final String NAME = "sticky";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SortedMap<String, SortedSet<PartitionRef>> assign(
      SortedMap<String, Set<String>> subscriptions,
      Map<String, Integer> partitionCounts,
      Map<String, ? extends Set<PartitionRef>> current) {
    SortedMap<String, SortedSet<PartitionRef>> result = Assignors.emptyFor(subscriptions);
    Map<PartitionRef, String> previousOwner = previousOwners(current);
    List<PartitionRef> free = new ArrayList<>();
    for (PartitionRef partition : Assignors.subscribedPartitions(subscriptions, partitionCounts)) {
      String owner = previousOwner.get(partition);
      if (owner != null
          && subscriptions.containsKey(owner)
          && subscriptions.get(owner).contains(partition.topic())) {
        result.get(owner).add(partition);
      } else {
        free.add(partition);
      }
    }
    for (PartitionRef partition : free) {
      List<String> candidates = Assignors.subscribers(subscriptions, partition.topic());
      result.get(leastLoaded(candidates, result, Integer.MAX_VALUE).orElseThrow()).add(partition);
    }
    while (moveOne(subscriptions, result)) {
      // Each call moves one partition from an over-loaded member to an under-loaded one.
    }
    return result;
  }

  /** Who owned each partition before; a partition listed twice stays with the lower member id. */
  private static Map<PartitionRef, String> previousOwners(
      Map<String, ? extends Set<PartitionRef>> current) {
    Map<PartitionRef, String> owners = new HashMap<>();
    current.forEach(
        (member, partitions) ->
            partitions.forEach(
                p -> owners.merge(p, member, (a, b) -> a.compareTo(b) <= 0 ? a : b)));
    return owners;
  }

  /**
   * Moves one partition from the most-loaded member that has a movable one; false when balanced.
   */
  private static boolean moveOne(
      SortedMap<String, Set<String>> subscriptions,
      SortedMap<String, SortedSet<PartitionRef>> result) {
    List<String> donors = new ArrayList<>(result.keySet());
    donors.sort(
        Comparator.comparingInt((String m) -> result.get(m).size())
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    for (String donor : donors) {
      int limit = result.get(donor).size() - 2;
      if (limit < 0) {
        return false;
      }
      for (PartitionRef partition : reversed(result.get(donor))) {
        Optional<String> receiver =
            leastLoaded(Assignors.subscribers(subscriptions, partition.topic()), result, limit);
        if (receiver.isPresent()) {
          result.get(donor).remove(partition);
          result.get(receiver.get()).add(partition);
          return true;
        }
      }
    }
    return false;
  }

  /** The candidate with the fewest partitions (ties: lowest id), if it has at most {@code max}. */
  private static Optional<String> leastLoaded(
      List<String> candidates, Map<String, SortedSet<PartitionRef>> result, int max) {
    String best = null;
    for (String member : candidates) {
      int size = result.get(member).size();
      if (size <= max && (best == null || size < result.get(best).size())) {
        best = member;
      }
    }
    return Optional.ofNullable(best);
  }

  private static List<PartitionRef> reversed(SortedSet<PartitionRef> partitions) {
    List<PartitionRef> list = new ArrayList<>(partitions);
    return list.reversed();
  }
}
