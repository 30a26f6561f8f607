package io.flymq.server.metadata;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Cluster metadata as the rest of the broker sees it: propose changes, read the current image, be
 * told of changes. Implemented on Raft by {@link RaftMetadataService}; one code path for a single
 * node and a cluster (DESIGN decision 5).
 *
 * <p>Thread-safe. Proposals return futures that complete once the change is committed and applied
 * (so {@link #image()} shows it by then), or fail with a {@link MetadataException} carrying a code,
 * a retriable flag and a hint. Pure validation (name syntax, counts, config keys) fails the future
 * before anything is proposed. Futures may complete on a transport thread: don't block in their
 * callbacks. A future that fails METADATA_UNAVAILABLE (timeout) may still have been applied; a
 * retry then sees TOPIC_ALREADY_EXISTS or UNKNOWN_TOPIC.
 */
public interface MetadataService extends AutoCloseable {

  /**
   * Starts the service and returns once this node serves metadata: it leads the group (single node)
   * and has applied every committed entry, so {@link #image()} is complete.
   *
   * @throws IOException if storage or the transport cannot start, or the start timeout passes
   */
  void start() throws IOException;

  /** Creates a topic with {@code partitions} partitions and config overrides. */
  CompletableFuture<TopicMetadata> createTopic(
      String name, int partitions, Map<String, String> configs);

  /** Deletes a topic; completes with the topic as it was. */
  CompletableFuture<TopicMetadata> deleteTopic(String name);

  /** Sets and removes config overrides of a topic; completes with the altered topic. */
  CompletableFuture<TopicMetadata> alterTopicConfig(
      String name, Map<String, String> set, Set<String> delete);

  /** Grows a topic to {@code partitionCount} partitions; counts never shrink. */
  CompletableFuture<TopicMetadata> createPartitions(String name, int partitionCount);

  /** The current image: everything applied on this node; immutable. */
  MetadataImage image();

  /**
   * Tells {@code listener} of every later change; see {@link MetadataListener} for the rules. To
   * miss nothing, add the listener first and then read {@link #image()}.
   */
  void addListener(MetadataListener listener);

  void removeListener(MetadataListener listener);

  /** Stops the client and the Raft server (taking a snapshot first); idempotent. */
  @Override
  void close() throws IOException;
}
