package io.flymq.server.group.assignor;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builders shared by the assignor tests. */
final class AssignorTestSupport {
  private AssignorTestSupport() {}

  /** Members all subscribed to {@code topics}. */
  static SortedMap<String, Set<String>> members(Collection<String> ids, String... topics) {
    SortedMap<String, Set<String>> subscriptions = new TreeMap<>();
    ids.forEach(id -> subscriptions.put(id, Set.of(topics)));
    return subscriptions;
  }

  static SortedSet<PartitionRef> partitions(String topic, int... numbers) {
    SortedSet<PartitionRef> set = new TreeSet<>();
    Arrays.stream(numbers).forEach(p -> set.add(new PartitionRef(topic, p)));
    return set;
  }

  static int moved(
      Map<String, ? extends Set<PartitionRef>> before,
      Map<String, ? extends Set<PartitionRef>> after) {
    int moved = 0;
    for (var entry : before.entrySet()) {
      Set<PartitionRef> now =
          after.containsKey(entry.getKey()) ? after.get(entry.getKey()) : Set.of();
      for (PartitionRef p : entry.getValue()) {
        if (!now.contains(p)) {
          moved++;
        }
      }
    }
    return moved;
  }

  /** Every partition of {@code topics} exactly once. */
  static boolean coversExactlyOnce(
      Map<String, ? extends Set<PartitionRef>> assignment, Map<String, Integer> counts) {
    Set<PartitionRef> seen = new TreeSet<>();
    int total = 0;
    for (Set<PartitionRef> owned : assignment.values()) {
      seen.addAll(owned);
      total += owned.size();
    }
    int expected = counts.values().stream().mapToInt(Integer::intValue).sum();
    return seen.size() == expected && total == expected;
  }

  static int spread(Map<String, ? extends Set<PartitionRef>> assignment) {
    int max = assignment.values().stream().mapToInt(Set::size).max().orElse(0);
    int min = assignment.values().stream().mapToInt(Set::size).min().orElse(0);
    return max - min;
  }
}
