package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One entry of the replicated metadata log: a fact decided by the proposer, applied by every
 * replica to its {@link MetadataImage} through {@link MetadataApplier}.
 *
 * <p>Anything non-deterministic (topic ids, timestamps, partition placement) is chosen by the
 * proposer and carried in the command, so that applying the log gives the same image on every node
 * and on every replay, whatever the code version of the placement logic.
 *
 * <p>Encoded by {@link MetadataCodec}; the {@code type} names below and the record component names
 * are part of the log format (docs/metadata.md): renaming one needs a new codec version. Later
 * issues add users, ACLs, schemas, broker registrations and leader/ISR changes as new permitted
 * records with new type names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = MetadataCommand.CreateTopic.class, name = "create_topic"),
  @JsonSubTypes.Type(value = MetadataCommand.DeleteTopic.class, name = "delete_topic"),
  @JsonSubTypes.Type(value = MetadataCommand.AlterTopicConfig.class, name = "alter_topic_config"),
  @JsonSubTypes.Type(value = MetadataCommand.CreatePartitions.class, name = "create_partitions"),
})
public sealed interface MetadataCommand {

  /** The topic the command is about. */
  String topic();

  /** Creates a topic; rejected with TOPIC_ALREADY_EXISTS if the name is taken. */
  record CreateTopic(
      String topic,
      UUID topicId,
      List<PartitionAssignment> partitions,
      Map<String, String> configs,
      long createdAtMs)
      implements MetadataCommand {
    public CreateTopic {
      requireNonNull(topic, "topic");
      requireNonNull(topicId, "topicId");
      partitions = List.copyOf(requireNonNull(partitions, "partitions"));
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("partitions: [] (expected: at least one)");
      }
      configs = sorted(configs);
      if (createdAtMs < 0) {
        throw new IllegalArgumentException("createdAtMs: " + createdAtMs + " (expected: >= 0)");
      }
    }
  }

  /** Deletes a topic; rejected with UNKNOWN_TOPIC if there is none of that name. */
  record DeleteTopic(String topic) implements MetadataCommand {
    public DeleteTopic {
      requireNonNull(topic, "topic");
    }
  }

  /**
   * Sets and removes per-topic config overrides; a key in both is an error. Rejected with
   * UNKNOWN_TOPIC if the topic does not exist.
   */
  record AlterTopicConfig(String topic, Map<String, String> set, Set<String> delete)
      implements MetadataCommand {
    public AlterTopicConfig {
      requireNonNull(topic, "topic");
      set = sorted(set);
      delete = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(delete, "delete")));
      for (String key : delete) {
        if (set.containsKey(key)) {
          throw new IllegalArgumentException("config " + key + ": both set and deleted");
        }
      }
    }
  }

  /**
   * Grows a topic to {@code partitionCount} partitions; {@code added} are the assignments of the
   * new partitions {@code [partitionCount - added.size(), partitionCount)}, chosen by the proposer.
   * Rejected with INVALID_PARTITIONS if the count would not grow, and with CONCURRENT_MODIFICATION
   * if the topic changed since the proposer read it.
   */
  record CreatePartitions(String topic, int partitionCount, List<PartitionAssignment> added)
      implements MetadataCommand {
    public CreatePartitions {
      requireNonNull(topic, "topic");
      added = List.copyOf(requireNonNull(added, "added"));
      if (added.isEmpty() || added.size() > partitionCount) {
        throw new IllegalArgumentException(
            "added: " + added.size() + " assignments (expected: 1.." + partitionCount + ")");
      }
    }
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(map, "configs")));
  }
}
