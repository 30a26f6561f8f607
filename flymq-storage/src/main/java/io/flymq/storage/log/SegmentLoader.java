package io.flymq.storage.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of a partition directory at startup: removes leftovers of interrupted work
 * (files pending deletion, temporary index copies), opens every segment, and recovers the active
 * one when the last shutdown was not clean. Never throws on damaged data.
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
  ConcurrentSkipListMap<Long, LogSegment> load(boolean cleanShutdown, long recoveryPoint) throws IOException {
    List<Long> baseOffsets = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(SegmentFiles.DELETED_SUFFIX) || name.endsWith(".tmp")) {
          Files.deleteIfExists(file);
          continue;
        }
        OptionalLong base = SegmentFiles.parseLogFileName(name);
        base.ifPresent(baseOffsets::add);
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
      // clean close vouches for them.
      boolean trusted = cleanShutdown || (!last && base < recoveryPoint);
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
      log.info("{}: recovered after an unclean shutdown: active segment {} holds offsets {}..{} ({} bytes)",
          dir, active.baseOffset(), active.baseOffset(), active.nextOffset() - 1, active.size());
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

  private void deleteOrphanIndexes(ConcurrentSkipListMap<Long, LogSegment> segments) throws IOException {
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
