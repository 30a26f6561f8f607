package io.flymq.storage.log;

import static io.flymq.storage.log.KeyedBatches.batch;
import static io.flymq.storage.log.KeyedBatches.contents;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the compaction swap: the directory is left the way a crash at each step of the
 * swap leaves it (built from a real cleaned copy), then the log is reopened and must hold either
 * the data before compaction or the compacted data, consistently, and keep appending.
 */
class CompactionRecoveryTest {
  @TempDir Path root;
  private final MutableClock clock = new MutableClock(1_700_000_000_000L);
  private LogIo io;
  private Path dir;
  private List<String> before;
  private List<String> compacted;
  private List<Long> compactedBases;
  private long logEnd;

  private static LogConfig config() {
    return LogConfig.builder()
        .cleanupPolicy(CleanupPolicy.COMPACT)
        .segmentMs(1000)
        .indexIntervalBytes(0)
        .fileDeleteDelayMs(0)
        .syncMode(SyncMode.NEVER)
        .build();
  }

  /**
   * Writes four sealed segments and an active one to {@code log/}, compacts a copy of it in {@code
   * cleaned/}, and keeps the cleaned files of that copy's first segment.
   */
  @BeforeEach
  void setUp() throws IOException {
    io = LogIo.create(1, clock, Duration.ZERO, Duration.ZERO, OffsetMap.DEFAULT_MAX_KEYS);
    dir = root.resolve("log");
    try (PartitionLog log = PartitionLog.open(dir, config(), io)) {
      String[][] batches = {
        {"a=1", "b=1", "=x"}, {"a=2", "c=1"}, {"b=2", "c="}, {"d=1", "a=3"}, {"e=1"}
      };
      for (String[] records : batches) {
        log.append(batch(clock.millis(), records)).join();
        clock.advance(1000);
      }
      before = contents(log);
      logEnd = log.logEndOffset();
    }
    Path cleanedDir = root.resolve("cleaned");
    copy(dir, cleanedDir);
    try (PartitionLog log = PartitionLog.open(cleanedDir, config(), io)) {
      assertThat(log.compact().join().segmentsCleaned()).isEqualTo(4);
      compacted = contents(log);
      compactedBases = log.segmentBaseOffsets();
    }
    assertThat(compacted)
        .isNotEqualTo(before)
        .containsExactly("2:=x", "5:b=2", "6:c=", "7:d=1", "8:a=3", "9:e=1");
    assertThat(compactedBases).containsExactly(0L, 9L);
    // The cleaned copy of the first four segments, as the cleaner wrote it before the swap.
    for (Path file : SegmentFiles.files(cleanedDir, 0)) {
      Files.copy(file, root.resolve(file.getFileName() + SegmentFiles.CLEANED_SUFFIX));
    }
    Files.delete(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE));
  }

  @AfterEach
  void tearDown() {
    io.close();
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  /**
   * Places the cleaned copy of segment 0 in the log directory with {@code suffix} on the listed
   * files.
   */
  private void placeCleanedCopy(String suffix, boolean log, boolean indexes) throws IOException {
    Path[] finals = SegmentFiles.files(dir, 0);
    for (int i = 0; i < finals.length; i++) {
      boolean wanted = i == 0 ? log : indexes;
      Path target = wanted ? SegmentFiles.withSuffix(finals[i], suffix) : finals[i];
      Files.copy(
          root.resolve(finals[i].getFileName() + SegmentFiles.CLEANED_SUFFIX),
          target,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void markDeleted(long baseOffset) throws IOException {
    for (Path file : SegmentFiles.files(dir, baseOffset)) {
      Files.move(file, SegmentFiles.withSuffix(file, SegmentFiles.DELETED_SUFFIX));
    }
  }

  private void assertReopenedLogHolds(List<String> expected, List<Long> bases) throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(), io)) {
      assertThat(contents(log)).isEqualTo(expected);
      assertThat(log.segmentBaseOffsets()).isEqualTo(bases);
      for (String record : expected) {
        long offset = Long.parseLong(record.substring(0, record.indexOf(':')));
        assertThat(log.read(offset, 1).firstBatchOffset()).isLessThanOrEqualTo(offset);
      }
      assertThat(log.append(batch(clock.millis(), "f=1")).join().baseOffset()).isEqualTo(logEnd);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(
              name ->
                  name.endsWith(SegmentFiles.CLEANED_SUFFIX)
                      || name.endsWith(SegmentFiles.SWAP_SUFFIX)
                      || name.endsWith(SegmentFiles.DELETED_SUFFIX));
    }
  }

  @Test
  void shouldDropACleanedCopyLeftByACrashBeforeTheSwap() throws IOException {
    placeCleanedCopy(SegmentFiles.CLEANED_SUFFIX, true, true);

    assertReopenedLogHolds(before, List.of(0L, 3L, 5L, 7L, 9L));
  }

  @Test
  void shouldCompleteASwapWhenTheOldSegmentsAreStillThere() throws IOException {
    placeCleanedCopy(SegmentFiles.SWAP_SUFFIX, true, true);

    assertReopenedLogHolds(compacted, compactedBases);
  }

  @Test
  void shouldCompleteASwapWhenSomeOldSegmentsWereAlreadyDeleted() throws IOException {
    markDeleted(0);
    markDeleted(3);
    placeCleanedCopy(SegmentFiles.SWAP_SUFFIX, true, true);

    assertReopenedLogHolds(compacted, compactedBases);
  }

  @Test
  void shouldCompleteASwapWhenTheIndexesWereAlreadyRenamed() throws IOException {
    markDeleted(0);
    markDeleted(3);
    markDeleted(5);
    markDeleted(7);
    placeCleanedCopy(SegmentFiles.SWAP_SUFFIX, true, false);

    assertReopenedLogHolds(compacted, compactedBases);
  }
}
