package io.flymq.storage.log;

import io.flymq.record.BatchCheck;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of a partition directory at startup: removes leftovers of interrupted work
 * (files pending deletion, temporary index copies, unfinished compacted copies), completes
 * compaction swaps that were interrupted, opens every segment, and recovers the active one when the
 * last shutdown was not clean. Never throws on damaged data.
 *
 * <p>Compaction swaps (docs/storage-format.md#compaction): a {@code <base>.log.swap} file is a
 * complete, forced cleaned copy of segments starting at {@code base}. Its old segments are those
 * whose base offset lies in {@code [base, last offset of the copy]}; the loader removes those that
 * are left, renames the {@code .swap} files to their final names and rebuilds the copy's indexes.
 * {@code .cleaned} files are copies that never became complete and are removed.
 */
final class SegmentLoader {
  private static final Logger log = LoggerFactory.getLogger(SegmentLoader.class);

  private final Path dir;
  private final LogConfig config;
  private final Clock clock;

  SegmentLoader(Path dir, LogConfig config, Clock clock) {
    this.dir = dir;
    this.config = config;
    this.clock = clock;
  }

  /**
   * @param recoveryPoint segments with a lower base offset were sealed durably and are trusted
   */
  ConcurrentSkipListMap<Long, LogSegment> load(boolean cleanShutdown, long recoveryPoint)
      throws IOException {
    List<Long> swaps = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(SegmentFiles.DELETED_SUFFIX)
            || name.endsWith(".tmp")
            || name.endsWith(SegmentFiles.CLEANED_SUFFIX)) {
          Files.deleteIfExists(file);
        } else if (name.endsWith(SegmentFiles.LOG_SUFFIX + SegmentFiles.SWAP_SUFFIX)) {
          SegmentFiles.parseLogFileName(
                  name.substring(0, name.length() - SegmentFiles.SWAP_SUFFIX.length()))
              .ifPresent(swaps::add);
        }
      }
    }
    swaps.sort(null);
    Set<Long> rebuildIndexes = new HashSet<>();
    for (long base : swaps) {
      completeSwap(base);
      rebuildIndexes.add(base);
    }
    List<Long> baseOffsets = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(SegmentFiles.SWAP_SUFFIX)) {
          log.warn("{}: removing {}, an index copy whose compaction swap had finished", dir, name);
          Files.deleteIfExists(file);
          continue;
        }
        SegmentFiles.parseLogFileName(name).ifPresent(baseOffsets::add);
      }
    }
    baseOffsets.sort(null);
    ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    long now = clock.millis();
    for (int i = 0; i < baseOffsets.size(); i++) {
      long base = baseOffsets.get(i);
      boolean last = i == baseOffsets.size() - 1;
      // Below the recovery point segments were forced and their indexes replaced durably when
      // they were sealed, so they are trusted (after a structural check). From it on, only a
      // clean close vouches for them. A segment just completed from a compaction swap is rebuilt.
      boolean trusted =
          (cleanShutdown || (!last && base < recoveryPoint)) && !rebuildIndexes.contains(base);
      LogSegment segment = LogSegment.open(dir, base, config, last, trusted, now);
      segments.put(base, segment);
      if (segment.wasTruncatedByRecovery() && !last) {
        deleteSegmentsAfter(baseOffsets.subList(i + 1, baseOffsets.size()), base);
        segment.unseal();
        break;
      }
    }
    if (segments.isEmpty()) {
      segments.put(0L, LogSegment.create(dir, 0, config, now));
    } else if (!cleanShutdown) {
      LogSegment active = segments.lastEntry().getValue();
      log.info(
          "{}: recovered after an unclean shutdown: active segment {} holds offsets {}..{} ({} bytes)",
          dir,
          active.baseOffset(),
          active.baseOffset(),
          active.nextOffset() - 1,
          active.size());
    }
    deleteOrphanIndexes(segments);
    return segments;
  }

  /** Data after a damaged point is not kept: the log must not have a hole. */
  private void deleteSegmentsAfter(List<Long> later, long damagedBase) throws IOException {
    for (long base : later) {
      log.warn("{}: deleting segment {}: it follows damaged segment {}", dir, base, damagedBase);
      Files.deleteIfExists(SegmentFiles.log(dir, base));
      Files.deleteIfExists(SegmentFiles.offsetIndex(dir, base));
      Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
    }
    SegmentFiles.syncDirectory(dir);
  }

  /**
   * Finishes an interrupted swap: removes the old segments the copy replaces, then renames the
   * copy's files to their final names (indexes first, as the cleaner does).
   */
  private void completeSwap(long base) throws IOException {
    Path[] finals = SegmentFiles.files(dir, base);
    Path swapLog = SegmentFiles.withSuffix(finals[0], SegmentFiles.SWAP_SUFFIX);
    long lastOffset = lastOffsetOf(swapLog, base);
    List<Long> replaced = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(dir, "*" + SegmentFiles.LOG_SUFFIX)) {
      for (Path file : files) {
        OptionalLong old = SegmentFiles.parseLogFileName(file.getFileName().toString());
        if (old.isPresent() && old.getAsLong() >= base && old.getAsLong() <= lastOffset) {
          replaced.add(old.getAsLong());
        }
      }
    }
    for (long old : replaced) {
      for (Path file : SegmentFiles.files(dir, old)) {
        Files.deleteIfExists(file);
      }
    }
    for (int i = finals.length - 1; i >= 0; i--) {
      Path swap = SegmentFiles.withSuffix(finals[i], SegmentFiles.SWAP_SUFFIX);
      if (Files.exists(swap)) {
        Files.move(swap, finals[i], StandardCopyOption.ATOMIC_MOVE);
      }
    }
    SegmentFiles.syncDirectory(dir);
    log.info(
        "{}: completed an interrupted compaction swap: segment {} (offsets up to {}) replaces segments {}",
        dir,
        base,
        lastOffset,
        replaced);
  }

  /** Last offset of the valid batches of a log file, or {@code base} when it has none. */
  private long lastOffsetOf(Path logFile, long base) throws IOException {
    long last = base;
    try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ)) {
      BatchScanner scanner =
          new BatchScanner(channel, 0, channel.size(), LogSegment.maxStoredBatchBytes(config));
      while (scanner.next() == BatchCheck.OK) {
        last = Math.max(last, scanner.batch().lastOffset());
      }
    }
    return last;
  }

  private void deleteOrphanIndexes(ConcurrentSkipListMap<Long, LogSegment> segments)
      throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{index,timeindex}")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String digits = name.substring(0, Math.min(20, name.length()));
        OptionalLong base = SegmentFiles.parseLogFileName(digits + SegmentFiles.LOG_SUFFIX);
        if (base.isPresent() && !segments.containsKey(base.getAsLong())) {
          log.warn("{}: removing index file {} that has no log file", dir, name);
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
