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
   * Reads the partitions of these topics. With {@code group.id}, the consumer joins the group on
   * the next {@link #poll} and reads the partitions the group's coordinator assigns it (see {@link
   * #subscribe(Collection, ConsumerRebalanceListener)}); without, it reads every partition.
   * Positions start at the group's committed offsets (when {@code group.id} is set) or by {@code
   * auto.offset.reset}. Replaces an earlier subscription or assignment.
   *
   * @throws IllegalArgumentException if a topic name is null or blank
   * @throws IllegalStateException if the consumer is closed
   */
  void subscribe(Collection<String> topics);

  /**
   * {@link #subscribe(Collection)}, telling {@code listener} which partitions this group member
   * gives up and receives. The listener runs on the polling thread, inside {@link #poll}, {@link
   * #unsubscribe} and {@link #close}. Without {@code group.id} it hears the whole assignment once.
   *
   * @throws IllegalArgumentException if a topic name is null or blank
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if the consumer is closed
   */
  void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

  /**
   * Rejoins the group with the same member id on the next {@link #poll}, keeping the partitions
   * meanwhile; a rejoin that fails with a retriable error is retried after the backoff. Does
   * nothing for a consumer that is not a group member.
   *
   * <p>FlyMQ's coordinator computes assignments itself (sticky, cooperative): a rejoin with
   * unchanged subscriptions and timeouts keeps the generation and the assignment, so this matters
   * only after such a setting changed. Assignments already follow members joining and leaving
   * without it.
   *
   * @throws IllegalStateException if the consumer is closed
   */
  void enforceRebalance();

  /**
   * The consumer's group, member id and generation now; {@link ConsumerGroupMetadata#NO_GENERATION}
   * and an empty member id while it is not a member.
   *
   * @throws IllegalStateException if no {@code group.id} is set
   */
  ConsumerGroupMetadata groupMetadata();

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
