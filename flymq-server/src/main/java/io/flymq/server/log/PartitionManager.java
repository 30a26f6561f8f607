package io.flymq.server.log;

import io.flymq.storage.crypto.EncryptionKey;
import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.LogIo;
import io.flymq.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's partition logs: opens, creates and deletes them as topics come and go, and hands out
 * each partition's log and produce coalescer. Logs live in {@code <logs_dir>/<topic>-<partition>}.
 *
 * <p>Thread-safe. Lookups are lock-free; creation and deletion of one topic are serialized.
 */
public final class PartitionManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);

  private final Path logsDir;
  private final LogIo io;
  private final LogConfig defaults;
  private final Optional<EncryptionKey> key;
  private final Clock clock;
  private final Partitioner partitioner = new Partitioner();
  private final ConcurrentHashMap<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

  /** One open partition: its log and the coalescer that feeds it single records. */
  public record Partition(TopicPartition id, PartitionLog log, ProduceCoalescer coalescer) {}

  public PartitionManager(
      Path logsDir, LogIo io, LogConfig defaults, Optional<EncryptionKey> key, Clock clock)
      throws IOException {
    this.logsDir = Files.createDirectories(logsDir);
    this.io = io;
    this.defaults = defaults;
    this.key = key;
    this.clock = clock;
  }

  public Partitioner partitioner() {
    return partitioner;
  }

  /** The open partition, or null when the broker has no such partition. */
  public Partition partition(TopicPartition id) {
    return partitions.get(id);
  }

  /** Partitions of a topic that are open here, by partition number. */
  public List<Partition> partitions(String topic) {
    List<Partition> result = new ArrayList<>();
    for (Partition partition : partitions.values()) {
      if (partition.id().topic().equals(topic)) {
        result.add(partition);
      }
    }
    result.sort((a, b) -> Integer.compare(a.id().partition(), b.id().partition()));
    return result;
  }

  /**
   * Opens (creating if needed) every partition log of a topic, with the topic's configs applied
   * over the broker defaults. Idempotent: partitions already open with the same config are kept;
   * one whose config changed is closed and reopened with the new one.
   */
  public synchronized void ensureTopic(
      String topic, int partitionCount, Map<String, String> topicConfigs) throws IOException {
    LogConfig config = TopicLogConfigs.apply(defaults, topicConfigs);
    for (int p = 0; p < partitionCount; p++) {
      TopicPartition id = new TopicPartition(topic, p);
      Partition open = partitions.get(id);
      if (open != null && open.log().config().equals(config)) {
        continue;
      }
      if (open != null) {
        // A changed topic config: reopen the log with it. The clean close writes the shutdown
        // marker, so the reopen skips recovery; requests caught in between fail retriably.
        log.info("applying new configs to {}: reopening its log", id);
        partitions.remove(id);
        open.log().close();
      }
      PartitionLog partitionLog =
          PartitionLog.open(logsDir.resolve(id.directoryName()), config, io, key);
      ProduceCoalescer coalescer =
          new ProduceCoalescer(partitionLog, clock, Math.min(config.maxBatchBytes(), 1 << 20));
      partitions.put(id, new Partition(id, partitionLog, coalescer));
    }
  }

  /** Closes and deletes every partition log of a topic. */
  public synchronized void deleteTopic(String topic) throws IOException {
    for (Partition partition : partitions(topic)) {
      partitions.remove(partition.id());
      partition.log().delete();
    }
    partitioner.forget(topic);
  }

  /** What the metadata says a topic is: enough to open its logs. */
  public record TopicSpec(String name, int partitionCount, Map<String, String> configs) {}

  /**
   * Makes the open logs match the metadata: every partition of every topic open, logs of topics
   * that no longer exist deleted. Idempotent.
   */
  public synchronized void reconcile(List<TopicSpec> topics) throws IOException {
    for (TopicSpec topic : topics) {
      ensureTopic(topic.name(), topic.partitionCount(), topic.configs());
    }
    java.util.Set<String> wanted = new java.util.HashSet<>();
    topics.forEach(topic -> wanted.add(topic.name()));
    List<String> gone =
        partitions.keySet().stream()
            .map(TopicPartition::topic)
            .distinct()
            .filter(name -> !wanted.contains(name))
            .toList();
    for (String topic : gone) {
      log.info("deleting the logs of topic {}", topic);
      deleteTopic(topic);
    }
  }

  /** Flushes and closes every log, writing clean-shutdown markers. */
  @Override
  public synchronized void close() {
    for (Partition partition : partitions.values()) {
      try {
        partition.log().close();
      } catch (IOException e) {
        log.error("closing {} failed; it will be recovered at the next start", partition.id(), e);
      }
    }
    partitions.clear();
  }
}
