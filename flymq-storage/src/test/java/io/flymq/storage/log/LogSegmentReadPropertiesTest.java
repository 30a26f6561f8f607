package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the slices {@link PartitionLog#read} returns, over random batch sizes, index
 * intervals and {@code maxBytes}, on a log still open after writing (index entries written by this
 * process) or reopened (entries loaded from disk), sometimes truncated and appended to after the
 * reopen. Every slice is held against a linear scan of the segment files.
 *
 * <p>Let a read of {@code maxBytes} from {@code offset} return bytes {@code [start, end)} of a
 * segment of {@code size} bytes, let {@code limit = min(start + maxBytes, size)}, and let the
 * <em>greedy</em> end {@code g} be the end of the longest run of whole batches from {@code start}
 * that ends at or below {@code limit}, at least one batch long (what a walk of every batch header
 * would return), and {@code I} the index interval. Then:
 *
 * <ol>
 *   <li>{@code start} is the position of the batch holding {@code offset};
 *   <li>{@code end} is a batch boundary (or {@code size}) and the next offset is that of the batch
 *       starting there (or the segment's end offset): the slice holds whole batches only;
 *   <li>{@code end - start <= maxBytes} unless the slice is a single batch;
 *   <li>{@code end == g} or {@code g - end < I}; and {@code end == g} when {@code g == size};
 *   <li>hence, when {@code end < limit}: {@code limit - end < I + b}, where {@code b} is the size
 *       of the batch holding byte {@code limit - 1} (the first batch that does not fit, or the last
 *       one that does when a batch ends exactly at the limit).
 * </ol>
 *
 * <p>Why 4 holds: a slice ends at an index entry {@code e} when there is one in {@code (start,
 * limit]}. The next entry lies beyond {@code limit}, so the batches between {@code e} and {@code g}
 * got no entry, which the writer adds to the first batch starting {@code I} or more bytes after the
 * previous entry: they start less than {@code I} bytes after {@code e}, so {@code g - e < I} unless
 * {@code g = e}. When {@code g == size} the slice reaches it too: a sealed segment's end is known
 * without headers, an active one's tail is walked. Without an entry in range the headers are
 * walked, which gives {@code g}. The bound in 5 is 4 plus {@code limit - g < b}. (A bound with the
 * size of the batch right after the slice instead of {@code b} does not hold: a small indexed batch
 * followed by a large unindexed one breaks it.)
 */
class LogSegmentReadPropertiesTest {

  @Property(tries = 40)
  void shouldReturnWholeBatchesFromTheOffsetAtMostAnIndexIntervalShortOfGreedy(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int batches,
      @ForAll @IntRange(min = 0, max = 12_000) int indexInterval,
      @ForAll boolean reopen)
      throws IOException {
    Random random = new Random(seed);
    Path dir = Files.createTempDirectory("flymq-read-prop");
    LogConfig config =
        LogConfig.builder()
            .segmentBytes(64 * 1024)
            .indexIntervalBytes(indexInterval)
            .retentionBytes(-1)
            .retentionMs(-1)
            .syncMode(SyncMode.NEVER)
            .fileDeleteDelayMs(0)
            .build();
    try (LogIo io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO)) {
      PartitionLog log = PartitionLog.open(dir, config, io);
      try {
        appendRandomBatches(log, random, batches);
        if (reopen) {
          log.close();
          log = PartitionLog.open(dir, config, io);
          if (random.nextBoolean()) {
            // Truncation drops loaded entries; the writer's new ones replace them.
            log.truncateTo(random.nextLong(log.logEndOffset() + 1)).join();
            appendRandomBatches(log, random, 1 + random.nextInt(10));
          }
        }
        LogScan scan = LogScan.of(dir);
        for (long offset = log.logStartOffset(); offset < log.logEndOffset(); offset++) {
          int maxBytes =
              random.nextInt(4) == 0
                  ? exactFit(scan, scan.holding(offset), random)
                  : randomMaxBytes(random);
          assertSlice(scan, log.read(offset, maxBytes), offset, maxBytes, indexInterval);
        }
        int maxBytes = randomMaxBytes(random);
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
          LogSlice slice = log.read(offset, maxBytes);
          assertSlice(scan, slice, offset, maxBytes, indexInterval);
          offset = slice.nextOffset();
        }
        assertThat(offset).isEqualTo(log.logEndOffset());
      } finally {
        log.close();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void assertSlice(
      LogScan scan, LogSlice slice, long offset, int maxBytes, int indexInterval) {
    LogScan.Batch first = scan.assertWholeBatches(slice, offset, maxBytes);
    LogScan.Segment segment = scan.segment(first.segmentBase());
    int end = first.position() + slice.sizeInBytes();
    int greedy = scan.greedyEnd(first, maxBytes);
    String read = "read(" + offset + ", " + maxBytes + ") ending at " + end;
    assertThat(end).as(read).isLessThanOrEqualTo(greedy);
    if (end != greedy) {
      assertThat(greedy - end).as(read + ": short of greedy " + greedy).isLessThan(indexInterval);
    }
    if (greedy == segment.size()) {
      assertThat(end).as(read + ": reaches the segment end").isEqualTo(segment.size());
    }
    long limit = Math.min((long) first.position() + Math.max(maxBytes, 0), segment.size());
    if (end < limit) {
      LogScan.Batch straddling =
          segment.batches().stream()
              .filter(b -> b.position() < limit && limit <= b.end())
              .findFirst()
              .orElseThrow();
      assertThat(limit - end)
          .as(read + ": short of the limit " + limit)
          .isLessThan((long) indexInterval + straddling.size());
    }
  }

  /** A maxBytes that ends exactly at a batch boundary of the segment (where an entry may be). */
  private static int exactFit(LogScan scan, LogScan.Batch first, Random random) {
    List<LogScan.Batch> after =
        scan.segment(first.segmentBase()).batches().stream()
            .filter(b -> b.position() >= first.position())
            .toList();
    return after.get(random.nextInt(after.size())).end() - first.position();
  }

  private static int randomMaxBytes(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(2_000);
      case 1 -> random.nextInt(40_000);
      case 2 -> random.nextInt(100_000);
      default -> 1 << 20;
    };
  }

  /** Batches of 1 to 8 records of 0 to 3,000 value bytes: from under 100 bytes to about 24 KiB. */
  private static void appendRandomBatches(PartitionLog log, Random random, int count) {
    for (int i = 0; i < count; i++) {
      int valueBytes = random.nextBoolean() ? random.nextInt(50) : random.nextInt(3_000);
      log.append(TestBatches.batch("r" + i, 1 + random.nextInt(8), valueBytes, 1_000)).join();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
