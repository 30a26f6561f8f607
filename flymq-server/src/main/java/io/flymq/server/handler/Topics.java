package io.flymq.server.handler;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.server.log.PartitionManager;
import io.flymq.server.log.TopicPartition;
import io.flymq.server.metadata.MetadataErrorCode;
import io.flymq.server.metadata.MetadataException;
import io.flymq.server.metadata.MetadataService;
import io.flymq.server.metadata.TopicMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How handlers reach topics and partition logs: existing topics from the metadata image, topics
 * created on first produce (when auto-creation is on), and the open log of a partition, waiting
 * (without blocking) for a just-created topic's logs to open.
 *
 * <p>Thread-safe.
 */
public final class Topics {
  private final MetadataService metadata;
  private final PartitionManager partitions;
  private final Supplier<CompletableFuture<Void>> logsUpToDate;
  private final boolean autoCreate;
  private final int defaultPartitions;

  /**
   * @param logsUpToDate completes once the partition logs reflect the metadata applied so far
   */
  public Topics(
      MetadataService metadata,
      PartitionManager partitions,
      Supplier<CompletableFuture<Void>> logsUpToDate,
      boolean autoCreate,
      int defaultPartitions) {
    this.metadata = metadata;
    this.partitions = partitions;
    this.logsUpToDate = logsUpToDate;
    this.autoCreate = autoCreate;
    this.defaultPartitions = defaultPartitions;
  }

  public MetadataService metadata() {
    return metadata;
  }

  public PartitionManager partitions() {
    return partitions;
  }

  public Optional<TopicMetadata> find(String topic) {
    return metadata.image().topic(topic);
  }

  /** The topic, or a failed future with {@code topic not found: <topic>}. */
  public CompletableFuture<TopicMetadata> existing(String topic) {
    return find(topic)
        .map(CompletableFuture::completedFuture)
        .orElseGet(() -> CompletableFuture.failedFuture(BrokerException.topicNotFound(topic)));
  }

  /**
   * The topic, created with the default partition count first if it is missing and auto-creation is
   * on.
   */
  public CompletableFuture<TopicMetadata> existingOrCreated(String topic) {
    Optional<TopicMetadata> found = find(topic);
    if (found.isPresent()) {
      return CompletableFuture.completedFuture(found.get());
    }
    if (!autoCreate) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              "topic not found: " + topic + " (topic auto-creation is off)"));
    }
    return create(topic, defaultPartitions);
  }

  /**
   * Creates a topic; an existing one is returned unchanged (CREATE_TOPIC is idempotent, WIRE-V1
   * 7.4).
   */
  public CompletableFuture<TopicMetadata> create(String topic, int partitionCount) {
    return metadata
        .createTopic(topic, partitionCount, Map.of())
        .exceptionallyCompose(
            error -> {
              Throwable cause =
                  error.getCause() != null && !(error instanceof MetadataException)
                      ? error.getCause()
                      : error;
              if (cause instanceof MetadataException e
                  && e.errorCode() == MetadataErrorCode.TOPIC_ALREADY_EXISTS) {
                return existing(topic);
              }
              return CompletableFuture.failedFuture(cause);
            })
        .thenCompose(created -> logsUpToDate.get().thenApply(v -> created));
  }

  /** The open partition, or a failed future with {@code partition <p> not found for topic <t>}. */
  public CompletableFuture<PartitionManager.Partition> partition(
      TopicMetadata topic, int partition) {
    if (partition < 0 || partition >= topic.partitionCount()) {
      return CompletableFuture.failedFuture(
          BrokerException.partitionNotFound(topic.name(), partition));
    }
    TopicPartition id = new TopicPartition(topic.name(), partition);
    PartitionManager.Partition open = partitions.partition(id);
    if (open != null) {
      return CompletableFuture.completedFuture(open);
    }
    return logsUpToDate
        .get()
        .thenApply(
            v -> {
              PartitionManager.Partition opened = partitions.partition(id);
              if (opened == null) {
                throw new BrokerException(
                    ErrorCode.LEADER_NOT_AVAILABLE, "partition " + id + " is not open yet");
              }
              return opened;
            });
  }

  /** The open partition of an existing topic (no auto-creation). */
  public CompletableFuture<PartitionManager.Partition> existingPartition(
      String topic, int partition) {
    return existing(topic).thenCompose(meta -> partition(meta, partition));
  }
}
