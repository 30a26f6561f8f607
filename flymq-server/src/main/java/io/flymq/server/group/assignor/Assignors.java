package io.flymq.server.group.assignor;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The assignors a group may use, by the name JOIN_GROUP carries, and the helpers they share.
 * Stateless; thread-safe.
 */
public final class Assignors {
  /** The assignor of a group whose first member names none. */
  public static final String DEFAULT = RangeAssignor.NAME;

  private static final Map<String, Assignor> BY_NAME =
      Map.of(
          RangeAssignor.NAME, new RangeAssignor(),
          RoundRobinAssignor.NAME, new RoundRobinAssignor(),
          StickyAssignor.NAME, new StickyAssignor());

  private Assignors() {}

  /** The assignor called {@code name}, if there is one. */
  public static Optional<Assignor> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The names accepted, sorted, for error messages. */
  public static List<String> names() {
    return new TreeSet<>(BY_NAME.keySet()).stream().toList();
  }

  /** An empty assignment for every member, to fill in. */
  static SortedMap<String, SortedSet<PartitionRef>> emptyFor(
      SortedMap<String, Set<String>> subscriptions) {
    SortedMap<String, SortedSet<PartitionRef>> result = new TreeMap<>();
    subscriptions.keySet().forEach(member -> result.put(member, new TreeSet<>()));
    return result;
  }

  /** Every partition of every subscribed, existing topic, sorted by topic, then partition. */
  static List<PartitionRef> subscribedPartitions(
      SortedMap<String, Set<String>> subscriptions, Map<String, Integer> partitionCounts) {
    SortedSet<String> topics = new TreeSet<>();
    subscriptions.values().forEach(topics::addAll);
    List<PartitionRef> partitions = new ArrayList<>();
    for (String topic : topics) {
      int count = partitionCounts.getOrDefault(topic, 0);
      for (int p = 0; p < count; p++) {
        partitions.add(new PartitionRef(topic, p));
      }
    }
    return partitions;
  }

  /** The members subscribed to {@code topic}, sorted by id. */
  static List<String> subscribers(SortedMap<String, Set<String>> subscriptions, String topic) {
    List<String> members = new ArrayList<>();
    subscriptions.forEach(
        (member, topics) -> {
          if (topics.contains(topic)) {
            members.add(member);
          }
        });
    return members;
  }
}
