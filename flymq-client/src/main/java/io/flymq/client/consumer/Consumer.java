package io.flymq.client.consumer;

import io.flymq.client.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Reads records from FlyMQ partitions, fetching ahead in the background. Used from one thread at a
 * time (as Kafka's consumer), except {@link #wakeup()}. See {@link FlyMQConsumer}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Consumer<K, V> extends AutoCloseable {
  /**
   * Reads every partition of these topics. Without consumer-group membership (a later feature),
   * each subscriber reads all partitions; positions start at the group's committed offsets (when
   * {@code group.id} is set) or by {@code auto.offset.reset}. Replaces an earlier subscription or
   * assignment.
   */
  void subscribe(Collection<String> topics);

  /** Reads exactly these partitions; replaces an earlier subscription or assignment. */
  void assign(Collection<TopicPartition> partitions);

  /** The partitions currently read. */
  Set<TopicPartition> assignment();

  /** The subscribed topics; empty after {@link #assign}. */
  Set<String> subscription();

  /** Stops reading every partition. */
  void unsubscribe();

  /**
   * Returns the records fetched since the last call, waiting up to {@code timeout} for some.
   *
   * @throws io.flymq.client.errors.OffsetOutOfRangeException with {@code auto.offset.reset=none}
   *     when a position falls outside its log
   * @throws io.flymq.client.errors.FlyMQException for fatal errors (e.g. topic deleted)
   * @throws WakeupException if {@link #wakeup()} was called
   */
  ConsumerRecords<K, V> poll(Duration timeout);

  /** Commits the positions of every assigned partition and waits. */
  void commitSync();

  /** Commits these offsets and waits. */
  void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

  /** Commits the positions of every assigned partition without waiting. */
  void commitAsync();

  /** Commits these offsets without waiting; {@code callback} (may be null) hears the outcome. */
  void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

  /** The next offset {@link #poll} returns for {@code partition} from now on. */
  void seek(TopicPartition partition, long offset);

  /** Moves these partitions to their log start. */
  void seekToBeginning(Collection<TopicPartition> partitions);

  /** Moves these partitions to their log end (only newer records will be read). */
  void seekToEnd(Collection<TopicPartition> partitions);

  /** The offset of the next record {@link #poll} returns for {@code partition}. */
  long position(TopicPartition partition);

  /** The group's committed offsets; partitions without a commit are absent. */
  Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

  /**
   * For each partition, the first offset with a timestamp at or after the given one (null: none).
   */
  Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps);

  /** The log start offsets. */
  Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

  /** The log end offsets (the offset the next record will get). */
  Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

  /** Stops returning records of these partitions until {@link #resume}; positions are kept. */
  void pause(Collection<TopicPartition> partitions);

  /** Returns records of these partitions again. */
  void resume(Collection<TopicPartition> partitions);

  /** The paused partitions. */
  Set<TopicPartition> paused();

  /**
   * Makes a {@link #poll} in progress (or the next one) throw {@link WakeupException}. Thread-safe.
   */
  void wakeup();

  /** {@link #close(Duration)} with 30 s. */
  @Override
  void close();

  /** Commits (with auto-commit on), stops fetching and releases threads and sockets. */
  void close(Duration timeout);
}
