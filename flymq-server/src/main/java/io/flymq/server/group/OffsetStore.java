package io.flymq.server.group;

import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.server.log.PartitionManager;
import io.flymq.server.log.TopicLogConfigs;
import io.flymq.server.log.TopicPartition;
import io.flymq.server.metadata.MetadataErrorCode;
import io.flymq.server.metadata.MetadataException;
import io.flymq.server.metadata.MetadataService;
import io.flymq.storage.log.LogSlice;
import io.flymq.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed consumer offsets, durable in the internal compacted topic {@code __consumer_offsets}
 * (DESIGN decision 7): every commit appends one record (layout: {@link OffsetRecords}) to the
 * partition that owns the group, and completes only once that append has completed under the
 * broker's {@code storage.sync} mode. Reads come from an in-memory map, rebuilt at start by reading
 * every offsets partition from its log start.
 *
 * <p>Order: the map keeps, per slot, the value with the highest log offset, so when two commits to
 * one slot race, what readers see is what a rebuild after a restart will see.
 *
 * <p>Groups: a (topic, group) pair exists once a commit names it (durable) or once SUBSCRIBE names
 * it ({@link #nameGroup}, in memory only: forgotten at restart unless it also committed).
 *
 * <p>Thread-safe; {@link #commit} never blocks.
 */
public final class OffsetStore {
  private static final Logger log = LoggerFactory.getLogger(OffsetStore.class);

  /** The internal topic; the {@code __} prefix hides it from LIST_TOPICS (WIRE-V1 16.3). */
  public static final String TOPIC = "__consumer_offsets";

  /** Partitions of the offsets topic when this broker creates it. */
  public static final int DEFAULT_PARTITIONS = 1;

  /** Compaction keeps the latest commit per slot, so the topic stays as small as the slot count. */
  public static final Map<String, String> TOPIC_CONFIGS =
      Map.of(TopicLogConfigs.CLEANUP_POLICY, "compact");

  private static final int REBUILD_READ_BYTES = 1 << 20;

  private final List<PartitionManager.Partition> partitions;
  private final Clock clock;
  private final ConcurrentHashMap<OffsetKey, Slot> committed = new ConcurrentHashMap<>();
  private final Set<GroupId> groups = ConcurrentHashMap.newKeySet();

  /** A committed value and the log offset of the record that holds it. */
  private record Slot(CommittedOffset value, long logOffset) {}

  /** A v1 group: a group id within one topic (WIRE-V1 13). */
  private record GroupId(String topic, String group) {}

  private static final Comparator<GroupId> GROUP_ORDER =
      Comparator.comparing(GroupId::topic).thenComparing(GroupId::group);

  /**
   * @param partitions the offsets topic's partitions, by partition number
   */
  OffsetStore(List<PartitionManager.Partition> partitions, Clock clock) {
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException(
          "partitions: none (expected: at least one offsets partition)");
    }
    this.partitions = List.copyOf(partitions);
    this.clock = clock;
  }

  /**
   * Creates {@code __consumer_offsets} through the metadata service if it is missing, waits for its
   * logs to open, and rebuilds the committed offsets from them. Blocks: call at start-up only.
   *
   * @param logsUpToDate completes once the partition logs reflect the metadata applied so far
   * @throws IOException if the topic cannot be created or its logs cannot be read in {@code
   *     timeout}
   */
  public static OffsetStore open(
      MetadataService metadata,
      PartitionManager partitionManager,
      Supplier<CompletableFuture<Void>> logsUpToDate,
      Clock clock,
      Duration timeout)
      throws IOException {
    int count = ensureTopic(metadata, timeout);
    await(logsUpToDate.get(), timeout, "opening the logs of " + TOPIC);
    List<PartitionManager.Partition> open = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      PartitionManager.Partition partition =
          partitionManager.partition(new TopicPartition(TOPIC, p));
      if (partition == null) {
        throw new IOException(TOPIC + "[" + p + "] is in the metadata but its log did not open");
      }
      open.add(partition);
    }
    OffsetStore store = new OffsetStore(open, clock);
    int records = store.rebuild();
    log.info(
        "loaded {} committed offsets of {} groups from {} records of {}",
        store.committed.size(),
        store.groups.size(),
        records,
        TOPIC);
    return store;
  }

  private static int ensureTopic(MetadataService metadata, Duration timeout) throws IOException {
    var existing = metadata.image().topic(TOPIC);
    if (existing.isPresent()) {
      return existing.get().partitionCount();
    }
    try {
      return metadata
          .createTopic(TOPIC, DEFAULT_PARTITIONS, TOPIC_CONFIGS)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .partitionCount();
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof CompletionException c && c.getCause() != null
              ? c.getCause()
              : e.getCause();
      // Another node (or an earlier, timed-out attempt) created it first: use it.
      if (cause instanceof MetadataException m
          && m.errorCode() == MetadataErrorCode.TOPIC_ALREADY_EXISTS) {
        return metadata.image().topic(TOPIC).orElseThrow().partitionCount();
      }
      throw new IOException("could not create " + TOPIC + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IOException("could not create " + TOPIC + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating " + TOPIC, e);
    }
  }

  private static void await(CompletableFuture<?> future, Duration timeout, String what)
      throws IOException {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(what + " took longer than " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    }
  }

  /**
   * Stores {@code offset} (the next offset to consume) for the slot, verbatim: it may move
   * backwards (WIRE-V1 7.7). The group exists from then on.
   *
   * @return the stored value, once its record is appended; failed with the log's error otherwise
   */
  public CompletableFuture<CommittedOffset> commit(
      OffsetKey key, long offset, Optional<String> metadata) {
    CommittedOffset value;
    ByteBuffer keyBytes;
    try {
      value = new CommittedOffset(offset, clock.millis(), metadata);
      keyBytes = OffsetRecords.encodeKey(key);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    PartitionManager.Partition partition = partitions.get(partitionFor(key.group()));
    return partition
        .coalescer()
        .produce(keyBytes, OffsetRecords.encodeValue(value))
        .thenApply(
            record -> {
              apply(key, value, record.offset());
              return value;
            });
  }

  /** The committed value of a slot, if any. */
  public Optional<CommittedOffset> committed(OffsetKey key) {
    Slot slot = committed.get(key);
    return slot == null ? Optional.empty() : Optional.of(slot.value());
  }

  /** Records that SUBSCRIBE named a group, so it exists (in memory) without a commit. */
  public void nameGroup(String topic, String group) {
    groups.add(new GroupId(topic, group));
  }

  /** Whether a commit, a reset or a subscription has named (topic, group). */
  public boolean groupExists(String topic, String group) {
    return groups.contains(new GroupId(topic, group));
  }

  /** A group on one topic and its committed offsets, by partition. */
  public record GroupOffsets(String topic, String group, SortedMap<Integer, Long> offsets) {}

  /**
   * Every (topic, group) a commit, reset or subscription has named, sorted by topic, then group.
   */
  public List<GroupOffsets> groups() {
    Map<GroupId, SortedMap<Integer, Long>> byGroup = new TreeMap<>(GROUP_ORDER);
    for (GroupId id : groups) {
      byGroup.put(id, new TreeMap<>());
    }
    committed.forEach(
        (key, slot) ->
            byGroup
                .computeIfAbsent(new GroupId(key.topic(), key.group()), id -> new TreeMap<>())
                .put(key.partition(), slot.value().offset()));
    List<GroupOffsets> all = new ArrayList<>(byGroup.size());
    byGroup.forEach((id, offsets) -> all.add(new GroupOffsets(id.topic(), id.group(), offsets)));
    return all;
  }

  /**
   * Deletes a group on one topic: a tombstone per committed slot (so compaction and every rebuild
   * forget it), then the group itself.
   *
   * @return the number of slots deleted, once every tombstone is appended
   */
  public CompletableFuture<Integer> deleteGroup(String topic, String group) {
    List<OffsetKey> slots = new ArrayList<>();
    committed
        .keySet()
        .forEach(
            k -> {
              if (k.topic().equals(topic) && k.group().equals(group)) {
                slots.add(k);
              }
            });
    PartitionManager.Partition partition = partitions.get(partitionFor(group));
    List<CompletableFuture<?>> tombstones = new ArrayList<>();
    for (OffsetKey key : slots) {
      tombstones.add(
          partition
              .coalescer()
              .produce(OffsetRecords.encodeKey(key), null)
              .thenAccept(
                  record ->
                      committed.computeIfPresent(
                          key, (k, old) -> old.logOffset() < record.offset() ? null : old)));
    }
    return CompletableFuture.allOf(tombstones.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            done -> {
              groups.remove(new GroupId(topic, group));
              return slots.size();
            });
  }

  /**
   * The offsets partition owning a group: every slot of one group lands in one partition, so a
   * future group coordinator can own the group whole (DESIGN 7). String.hashCode is specified by
   * the JLS, so the mapping is stable across JVMs; it changes if the partition count does.
   */
  int partitionFor(String group) {
    return Math.floorMod(group.hashCode(), partitions.size());
  }

  private void apply(OffsetKey key, CommittedOffset value, long logOffset) {
    groups.add(new GroupId(key.topic(), key.group()));
    committed.merge(
        key,
        new Slot(value, logOffset),
        (old, now) -> now.logOffset() > old.logOffset() ? now : old);
  }

  /** Reads every offsets partition from its start into the map; returns the records read. */
  int rebuild() throws IOException {
    int records = 0;
    for (PartitionManager.Partition partition : partitions) {
      records += rebuild(partition.log());
    }
    // A group exists after a restart if a commit of it survives (tombstones removed the rest).
    groups.clear();
    committed.keySet().forEach(key -> groups.add(new GroupId(key.topic(), key.group())));
    return records;
  }

  private int rebuild(PartitionLog partitionLog) throws IOException {
    int records = 0;
    long position = partitionLog.logStartOffset();
    while (position < partitionLog.logEndOffset()) {
      LogSlice slice = partitionLog.read(position, REBUILD_READ_BYTES);
      if (slice.isEmpty()) {
        break;
      }
      ByteBuffer bytes = slice.readAll();
      RecordBatch batch = new RecordBatch();
      for (int at = bytes.position(); at < bytes.limit(); at += batch.sizeInBytes()) {
        batch.reset(bytes, at);
        if (!batch.isControl()) {
          for (Record record : batch.records()) {
            records += replay(record) ? 1 : 0;
          }
        }
      }
      position = slice.nextOffset();
    }
    return records;
  }

  /** Applies one stored record; a record that does not decode is skipped with an error logged. */
  private boolean replay(Record record) {
    try {
      if (!record.hasKey()) {
        throw new CorruptOffsetRecordException("offset record without a key");
      }
      OffsetKey key = OffsetRecords.decodeKey(record.key());
      if (!record.hasValue()) {
        // A tombstone: the slot was deleted (DELETE_GROUP, later); a newer commit may recreate it.
        committed.computeIfPresent(key, (k, old) -> old.logOffset() < record.offset() ? null : old);
        return true;
      }
      apply(key, OffsetRecords.decodeValue(record.value()), record.offset());
      return true;
    } catch (CorruptOffsetRecordException e) {
      log.error("skipping record {} of {}: {}", record.offset(), TOPIC, e.getMessage());
      return false;
    }
  }
}
