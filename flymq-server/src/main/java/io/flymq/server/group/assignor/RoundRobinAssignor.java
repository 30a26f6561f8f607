package io.flymq.server.group.assignor;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * {@code roundrobin}: every subscribed partition, sorted by topic then partition, is dealt in turn
 * to the members sorted by id, skipping members not subscribed to the partition's topic. With equal
 * subscriptions the counts differ by at most one.
 *
 * <p>Ignores the previous assignment, so a join or leave can move many partitions; {@code sticky}
 * keeps the balance and moves fewer. Stateless; thread-safe.
 */
public final class RoundRobinAssignor implements Assignor {
  /** The JOIN_GROUP name. */
  public static final String NAME = "roundrobin";

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
    List<String> members = List.copyOf(subscriptions.keySet());
    int cursor = 0;
    for (PartitionRef partition : Assignors.subscribedPartitions(subscriptions, partitionCounts)) {
      // Some member is subscribed to every listed partition's topic, so this loop ends.
      while (!subscriptions.get(members.get(cursor)).contains(partition.topic())) {
        cursor = (cursor + 1) % members.size();
      }
      result.get(members.get(cursor)).add(partition);
      cursor = (cursor + 1) % members.size();
    }
    return result;
  }
}
