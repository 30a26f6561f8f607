package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One topic as the cluster agrees on it. Immutable; the configs are kept sorted by key so that
 * encoding a topic (snapshots) gives the same bytes on every node.
 *
 * @param name the topic name (valid per {@link TopicValidation#validateName})
 * @param topicId chosen by the proposer when the topic is created; a topic deleted and created
 *     again under the same name gets a new id
 * @param partitions assignment of partition {@code i} at index {@code i}; never empty
 * @param configs per-topic overrides (retention_ms, segment_bytes, cleanup_policy, ...)
 * @param createdAtMs wall-clock time of the proposer when it proposed the creation
 */
public record TopicMetadata(
    String name,
    UUID topicId,
    List<PartitionAssignment> partitions,
    Map<String, String> configs,
    long createdAtMs) {

  public TopicMetadata {
    requireNonNull(name, "name");
    requireNonNull(topicId, "topicId");
    partitions = List.copyOf(requireNonNull(partitions, "partitions"));
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("partitions: [] (expected: at least one)");
    }
    configs = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(configs, "configs")));
    if (createdAtMs < 0) {
      throw new IllegalArgumentException("createdAtMs: " + createdAtMs + " (expected: >= 0)");
    }
  }

  public int partitionCount() {
    return partitions.size();
  }

  /** The assignment of one partition; {@code partition} must be in {@code [0, partitionCount)}. */
  public PartitionAssignment partition(int partition) {
    return partitions.get(partition);
  }

  TopicMetadata withConfigs(Map<String, String> newConfigs) {
    return new TopicMetadata(name, topicId, partitions, newConfigs, createdAtMs);
  }

  TopicMetadata withPartitions(List<PartitionAssignment> newPartitions) {
    return new TopicMetadata(name, topicId, newPartitions, configs, createdAtMs);
  }
}
