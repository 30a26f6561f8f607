package io.flymq.client.consumer;

import java.util.List;

/**
 * How the group coordinator splits partitions between the members of a group ({@code
 * partition.assignment.strategy}). The group uses the strategy of its first member; a member asking
 * for another one is refused. Assignment is always cooperative: partitions that stay with their
 * owner are never revoked.
 */
public enum AssignmentStrategy {
  /** Each topic's partitions in contiguous ranges, per topic. */
  RANGE("range", "org.apache.kafka.clients.consumer.RangeAssignor"),
  /** All partitions dealt out one by one. */
  ROUNDROBIN("roundrobin", "org.apache.kafka.clients.consumer.RoundRobinAssignor"),
  /** Balanced, moving as few partitions as possible when members come and go. */
  STICKY(
      "sticky",
      "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
      "org.apache.kafka.clients.consumer.StickyAssignor");

  private final String wireName;
  private final List<String> kafkaNames;

  AssignmentStrategy(String wireName, String... kafkaNames) {
    this.wireName = wireName;
    this.kafkaNames = List.of(kafkaNames);
  }

  /** The name sent in JOIN_GROUP and accepted in the config: {@code range}, ... */
  public String wireName() {
    return wireName;
  }

  /** The strategy for a config value (its name or a Kafka assignor class name), or null. */
  static AssignmentStrategy parse(String value) {
    String v = value.trim();
    for (AssignmentStrategy candidate : values()) {
      if (candidate.wireName.equalsIgnoreCase(v) || candidate.kafkaNames.contains(v)) {
        return candidate;
      }
    }
    return null;
  }
}
