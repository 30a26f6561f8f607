package io.flymq.server.group.assignor;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * {@code range}: topic by topic, the partitions are cut into contiguous ranges, one per member
 * subscribed to the topic, in member id order; the first {@code partitions % members} members get
 * one partition more. With 7 partitions and members a, b, c: a gets 0-2, b 3-4, c 5-6.
 *
 * <p>Members subscribed to the same topics get the same partition numbers of each, which suits
 * joins of co-partitioned topics; over many topics the first members carry more. Stateless;
 * thread-safe.
 */
public final class RangeAssignor implements Assignor {
  /** The JOIN_GROUP name. */
  public static final String NAME = "range";

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
    partitionCounts.forEach(
        (topic, count) -> {
          List<String> members = Assignors.subscribers(subscriptions, topic);
          if (members.isEmpty()) {
            return;
          }
          int each = count / members.size();
          int extra = count % members.size();
          int next = 0;
          for (int i = 0; i < members.size(); i++) {
            int size = each + (i < extra ? 1 : 0);
            SortedSet<PartitionRef> owned = result.get(members.get(i));
            for (int p = next; p < next + size; p++) {
              owned.add(new PartitionRef(topic, p));
            }
            next += size;
          }
        });
    return result;
  }
}
