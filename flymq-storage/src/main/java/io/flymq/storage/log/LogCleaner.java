package io.flymq.storage.log;

import io.flymq.record.Record;
import io.flymq.record.RecordReader;
import io.flymq.storage.crypto.BatchCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key-based compaction of one {@link CleanupPolicy#COMPACT} log (Kafka's log compaction): decides
 * when to clean, maps the dirty part of the sealed segments, has {@link SegmentCompactor} write
 * cleaned copies, and swaps them in. The active segment is never read or touched.
 *
 * <p>A cleaning runs on {@link LogIo#cleaner()} (one thread for all logs), never on the log's
 * writer, so appends go on meanwhile:
 *
 * <ol>
 *   <li>Snapshot the sealed segments and their {@link LogSegment#version()}s.
 *   <li>Map key -> latest offset ({@link OffsetMap}) over the dirty records, those from {@code
 *       firstDirtyOffset} (where the last cleaning's map ended; the log start after an open) to the
 *       end of the sealed segments, or to the first record that no longer fits the map ({@code
 *       mapEnd}; records from there on are left for the next cleaning).
 *   <li>Group adjacent segments below {@code mapEnd} so that each group's cleaned copy fits one
 *       segment (bytes and index entries), and write each copy as {@code .cleaned} files.
 *   <li>On the log's writer, check that the group's segments are still the log's, sealed and
 *       unchanged (retention and truncation run on the writer too); if not, discard the copy.
 *       Otherwise swap: {@code .cleaned} -> {@code .swap}, old segment files -> {@code .deleted},
 *       {@code .swap} -> final names, with directory syncs in between (docs/storage-format.md,
 *       "Compaction", and {@link SegmentLoader} for crash recovery).
 * </ol>
 *
 * <p>Background cleanings start from the compaction check ({@link #maybeCompact}) once the dirty
 * bytes reach {@link LogConfig#minCleanableDirtyRatio()} of the sealed bytes, or once the earliest
 * delete horizon of a kept tombstone has passed. {@code firstDirtyOffset} is not persisted: after a
 * restart the first cleaning maps every sealed segment again.
 *
 * <p>Thread-safety: cleanings of one log run one at a time on the single cleaner thread; the state
 * they share with the scheduler is volatile.
 */
final class LogCleaner {
  private static final Logger log = LoggerFactory.getLogger(LogCleaner.class);

  private final PartitionLog partitionLog;
  private final Path dir;
  private final LogConfig config;
  private final LogIo io;
  private final BatchCipher cipher;
  private final AtomicBoolean queued = new AtomicBoolean();

  /** Offset from which records have not been mapped by a cleaning yet; -1 = from the log start. */
  private volatile long firstDirtyOffset = -1;

  /** Earliest delete horizon of a tombstone kept by the last cleaning. */
  private volatile long nextHorizonMs = Long.MAX_VALUE;

  /** Runs on the cleaner thread before each swap; tests use it to race the swap. */
  private volatile Runnable beforeSwap = () -> {};

  LogCleaner(PartitionLog partitionLog, LogConfig config, LogIo io, BatchCipher cipher) {
    this.partitionLog = partitionLog;
    this.dir = partitionLog.dir();
    this.config = config;
    this.io = io;
    this.cipher = cipher;
  }

  /** Cleans now on the cleaner thread, whatever the dirty ratio. */
  CompletableFuture<CompactionResult> compact() {
    if (config.cleanupPolicy() != CleanupPolicy.COMPACT) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              dir
                  + ": cleanup_policy: "
                  + config.cleanupPolicy()
                  + " (expected: COMPACT to compact the log)"));
    }
    CompletableFuture<CompactionResult> future = new CompletableFuture<>();
    try {
      io.cleaner()
          .execute(
              () -> {
                try {
                  future.complete(clean());
                } catch (IOException | RuntimeException e) {
                  future.completeExceptionally(
                      e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                }
              });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(
          new LogClosedException(dir + " (the cleaner thread is shut down)"));
    }
    return future;
  }

  /** The periodic check: queues a cleaning when the log is dirty enough and none is queued. */
  void maybeCompact() {
    if (!needsCleaning() || !queued.compareAndSet(false, true)) {
      return;
    }
    compact()
        .whenComplete(
            (result, error) -> {
              queued.set(false);
              if (error != null && !(error instanceof LogClosedException)) {
                log.warn("{}: compaction failed; retrying at the next check", dir, error);
              }
            });
  }

  boolean needsCleaning() {
    List<LogSegment> sealed = partitionLog.sealedSegments();
    if (sealed.isEmpty()) {
      return false;
    }
    long total = 0;
    long dirty = 0;
    for (LogSegment segment : sealed) {
      total += segment.size();
      if (segment.nextOffset() > firstDirtyOffset) {
        dirty += segment.size();
      }
    }
    boolean dirtyEnough = dirty > 0 && dirty >= config.minCleanableDirtyRatio() * total;
    return dirtyEnough || io.clock().millis() >= nextHorizonMs;
  }

  void beforeSwap(Runnable hook) {
    this.beforeSwap = hook;
  }

  private CompactionResult clean() throws IOException {
    List<LogSegment> sealed = partitionLog.sealedSegments();
    if (sealed.isEmpty()) {
      return CompactionResult.NONE;
    }
    Map<LogSegment, Integer> versions = new IdentityHashMap<>();
    sealed.forEach(segment -> versions.put(segment, segment.version()));
    long firstDirty = Math.max(firstDirtyOffset, sealed.get(0).baseOffset());
    OffsetMap map = new OffsetMap(io.cleanerMaxKeys());
    long mapEnd = buildMap(sealed, firstDirty, map);
    long now = io.clock().millis();
    SegmentCompactor compactor = new SegmentCompactor(dir, config, cipher, map, mapEnd, now);
    CompactionResult result = CompactionResult.NONE;
    int groupsWritten = 0;
    for (List<LogSegment> group : groups(sealed, mapEnd)) {
      SegmentCompactor.Cleaned cleaned = compactor.clean(group);
      if (!cleaned.changed()) {
        SegmentCompactor.deleteCleaned(dir, cleaned.baseOffset());
        continue;
      }
      beforeSwap.run();
      boolean swapped =
          partitionLog
              .replaceSegments(group, removals -> swap(group, versions, removals, now))
              .join();
      if (!swapped) {
        SegmentCompactor.deleteCleaned(dir, cleaned.baseOffset());
        log.info(
            "{}: compaction discarded: segments {}..{} changed meanwhile (truncation or retention); {}",
            dir,
            group.get(0).baseOffset(),
            group.get(group.size() - 1).baseOffset(),
            summary(result));
        return result;
      }
      groupsWritten++;
      result =
          result.plus(
              group.size(), cleaned.recordsRemoved(), cleaned.bytesBefore(), cleaned.bytesAfter());
    }
    firstDirtyOffset = mapEnd;
    nextHorizonMs = compactor.earliestHorizonMs();
    log.info(
        "{}: compacted {} segments into {}: {}; {} keys mapped from offset {} to {}",
        dir,
        result.segmentsCleaned(),
        groupsWritten,
        summary(result),
        map.size(),
        firstDirty,
        mapEnd);
    return result;
  }

  private static String summary(CompactionResult result) {
    return "removed "
        + result.recordsRemoved()
        + " records, "
        + result.bytesBefore()
        + " -> "
        + result.bytesAfter()
        + " bytes";
  }

  /**
   * Maps every keyed record of compactable batches from {@code firstDirty} on.
   *
   * @return the offset where mapping ended: the end of the sealed segments, or the first record
   *     whose key did not fit
   */
  private long buildMap(List<LogSegment> sealed, long firstDirty, OffsetMap map)
      throws IOException {
    long[] fullAt = {-1};
    for (LogSegment segment : sealed) {
      if (segment.nextOffset() <= firstDirty) {
        continue;
      }
      SegmentCompactor.forEachBatch(
          segment,
          config,
          cipher,
          (stored, plain) -> {
            if (plain.nextOffset() <= firstDirty || !SegmentCompactor.isCompactable(plain)) {
              return true;
            }
            RecordReader.Cursor cursor = plain.records().cursor();
            while (cursor.next()) {
              Record record = cursor.record();
              if (record.offset() >= firstDirty
                  && record.hasKey()
                  && !map.put(record.key(), record.offset())) {
                fullAt[0] = record.offset();
                return false;
              }
            }
            return true;
          });
      if (fullAt[0] >= 0) {
        return fullAt[0];
      }
    }
    return sealed.get(sealed.size() - 1).nextOffset();
  }

  /** Adjacent segments below {@code mapEnd}, grouped so that each group's copy fits one segment. */
  private List<List<LogSegment>> groups(List<LogSegment> sealed, long mapEnd) {
    int maxIndexEntries = config.maxIndexBytes() / OffsetIndex.ENTRY_SIZE;
    List<List<LogSegment>> groups = new ArrayList<>();
    List<LogSegment> group = new ArrayList<>();
    long bytes = 0;
    long entries = 0;
    for (LogSegment segment : sealed) {
      if (segment.baseOffset() >= mapEnd) {
        break;
      }
      // The copy of a group has at most its bytes, and at most one index entry more per segment.
      boolean fits =
          bytes + segment.size() <= config.segmentBytes()
              && entries + segment.indexEntries() + group.size() + 1 <= maxIndexEntries;
      if (!group.isEmpty() && !fits) {
        groups.add(group);
        group = new ArrayList<>();
        bytes = 0;
        entries = 0;
      }
      group.add(segment);
      bytes += segment.size();
      entries += segment.indexEntries();
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /**
   * On the writer: the crash-safe swap of a group's cleaned copy for its segments. Indexes are
   * renamed before the log, so a {@code .log.swap} left at open always means "not finished".
   *
   * @return the cleaned segment, open, or null when a source changed since the cleaning began
   */
  private LogSegment swap(
      List<LogSegment> group, Map<LogSegment, Integer> versions, List<Runnable> removals, long now)
      throws IOException {
    for (LogSegment source : group) {
      if (source.version() != versions.get(source)) {
        return null;
      }
    }
    long base = group.get(0).baseOffset();
    Path[] finals = SegmentFiles.files(dir, base);
    for (Path file : finals) {
      Files.move(
          SegmentFiles.withSuffix(file, SegmentFiles.CLEANED_SUFFIX),
          SegmentFiles.withSuffix(file, SegmentFiles.SWAP_SUFFIX),
          StandardCopyOption.ATOMIC_MOVE);
    }
    SegmentFiles.syncDirectory(dir);
    for (LogSegment source : group) {
      removals.add(source.markDeleted());
    }
    for (int i = finals.length - 1; i >= 0; i--) {
      Files.move(
          SegmentFiles.withSuffix(finals[i], SegmentFiles.SWAP_SUFFIX),
          finals[i],
          StandardCopyOption.ATOMIC_MOVE);
    }
    SegmentFiles.syncDirectory(dir);
    return LogSegment.open(dir, base, config, false, true, now);
  }
}
