package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How {@link LogSegment#read} finds its bytes: through the offset index, reading batch headers (a
 * system call each) only where the index cannot tell, and never trusting an index entry loaded from
 * disk before checking it once against the log.
 */
class LogSegmentReadTest {
  /** Records of about 1 KiB per batch: 15 make a batch of about 16 KiB. */
  private static final int RECORDS = 15;

  private static final int VALUE_BYTES = 1000;
  private static final int MAX_BYTES = 64 * 1024;

  @TempDir Path dir;
  private LogIo io;

  @BeforeEach
  void startIo() {
    io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO);
  }

  @AfterEach
  void stopIo() {
    io.close();
  }

  private static LogConfig config(int segmentBytes, int indexIntervalBytes) {
    return LogConfig.builder()
        .segmentBytes(segmentBytes)
        .indexIntervalBytes(indexIntervalBytes)
        .retentionBytes(-1)
        .retentionMs(-1)
        .fileDeleteDelayMs(0)
        .syncMode(SyncMode.NEVER)
        .build();
  }

  @Test
  void shouldWalkSealedSegmentsWithoutHeaderReadsAfterTheFirstReadOfEach() throws IOException {
    // 14 batches of ~16 KiB per segment: each batch but a segment's first gets an index entry.
    LogConfig config = config(230_000, 4096);
    try (PartitionLog log = PartitionLog.open(dir, config, io)) {
      for (int i = 0; i < 64; i++) {
        log.append(TestBatches.batch("b" + i, RECORDS, VALUE_BYTES, 1_000)).join();
      }
      List<LogSegment> sealed = log.sealedSegments();
      assertThat(sealed).hasSizeGreaterThanOrEqualTo(3);
      // What the background sealer does, done now so the test does not depend on its timing.
      for (LogSegment segment : sealed) {
        segment.seal();
      }
      walkCountingHeaderReads(log, sealed, LogScan.of(dir), true);
    }

    // Reopened, the index entries come from the files: each one is checked once, then trusted.
    try (PartitionLog log = PartitionLog.open(dir, config, io)) {
      List<LogSegment> sealed = log.sealedSegments();
      LogScan scan = LogScan.of(dir);
      long checks = walkCountingHeaderReads(log, sealed, scan, false);
      long entries = scan.segments().stream().mapToLong(s -> s.batches().size() - 1).sum();
      assertThat(checks).isPositive().isLessThanOrEqualTo(entries + scan.segments().size());
      walkCountingHeaderReads(log, sealed, scan, true);
    }
  }

  /**
   * Reads consumer style, each read from the previous slice's next offset, and checks every slice
   * against a linear scan: the greedy slice of whole batches. With {@code strict}, a read of a
   * sealed segment after its first one must read no batch header.
   *
   * @return header reads of the sealed segments during the walk
   */
  private static long walkCountingHeaderReads(
      PartitionLog log, List<LogSegment> sealed, LogScan scan, boolean strict) throws IOException {
    Map<Long, LogSegment> byBase =
        sealed.stream().collect(Collectors.toMap(LogSegment::baseOffset, Function.identity()));
    long total = 0;
    Set<Long> started = new HashSet<>();
    long offset = log.logStartOffset();
    while (offset < log.logEndOffset()) {
      LogScan.Batch first = scan.holding(offset);
      LogSegment segment = byBase.get(first.segmentBase());
      long before = segment == null ? 0 : segment.headerReads();
      LogSlice slice = log.read(offset, MAX_BYTES);
      scan.assertWholeBatches(slice, offset, MAX_BYTES);
      assertThat(first.position() + slice.sizeInBytes())
          .as("end of read(%d)", offset)
          .isEqualTo(scan.greedyEnd(first, MAX_BYTES));
      if (segment != null) {
        long reads = segment.headerReads() - before;
        total += reads;
        boolean firstOfSegment = started.add(segment.baseOffset());
        if (strict) {
          assertThat(reads)
              .as("header reads of read(%d) in segment %d", offset, segment.baseOffset())
              .isLessThanOrEqualTo(firstOfSegment ? 1 : 0);
        }
      }
      offset = slice.nextOffset();
    }
    assertThat(offset).isEqualTo(log.logEndOffset());
    assertThat(started).containsAll(byBase.keySet());
    return total;
  }

  @Test
  void shouldReadHeadersOnlyForTheUnindexedTailOfAnActiveSegment() throws IOException {
    LogSegment segment = LogSegment.create(dir, 0, config(1 << 30, 4096), 0);
    try {
      long[] bases = appendBatches(segment, 0, 10, "b");
      LogScan scan = LogScan.of(dir);

      // Four ~16 KiB batches fit in 64 KiB: reads start at batches 0, 4 and 8.
      assertRead(segment, scan, bases[0], 1); // batch 0 has no index entry
      assertRead(segment, scan, bases[4], 0);
      // The read reaches the end of the active segment: batch 9's header tells where its batch
      // ends.
      assertRead(segment, scan, bases[8], 1);

      segment.seal();
      // Sealed, the segment's size and next offset are final and end the slice without a header.
      assertRead(segment, scan, bases[8], 0);
    } finally {
      segment.close();
    }
  }

  @Test
  void shouldEndAtAnIndexEntryExactlyAtTheByteLimit() throws IOException {
    LogSegment segment = LogSegment.create(dir, 0, config(1 << 30, 4096), 0);
    try {
      long[] bases = appendBatches(segment, 0, 10, "b");
      LogScan scan = LogScan.of(dir);
      LogScan.Batch from = scan.holding(bases[2]);
      int threeBatches = scan.holding(bases[5]).position() - from.position();

      long before = segment.headerReads();
      LogSlice slice = segment.read(bases[2], threeBatches);
      assertThat(segment.headerReads() - before).isZero();
      scan.assertWholeBatches(slice, bases[2], threeBatches);
      assertThat(slice.sizeInBytes()).isEqualTo(threeBatches);
      assertThat(slice.nextOffset()).isEqualTo(bases[5]);
    } finally {
      segment.close();
    }
  }

  @Test
  void shouldTrustTheEntriesTheWriterRewritesAfterTruncatingLoadedOnes() throws IOException {
    LogConfig config = config(1 << 30, 4096);
    LogSegment written = LogSegment.create(dir, 0, config, 0);
    long[] old = appendBatches(written, 0, 12, "old");
    written.close();

    LogSegment segment = LogSegment.open(dir, 0, config, true, true, 0);
    try {
      segment.truncateTo(old[6]);
      long[] rewritten = appendBatches(segment, old[6], 6, "new");
      assertThat(rewritten[0]).isEqualTo(old[6]);
      LogScan scan = LogScan.of(dir);

      // Batch 4's entry was loaded from the file: checked once. Batch 8's was rewritten by the
      // writer after the truncation dropped the loaded one: trusted.
      assertRead(segment, scan, old[4], 1);
      assertRead(segment, scan, old[4], 0);
    } finally {
      segment.close();
    }
  }

  private static void assertRead(LogSegment segment, LogScan scan, long offset, long headerReads)
      throws IOException {
    long before = segment.headerReads();
    LogSlice slice = segment.read(offset, MAX_BYTES);
    long reads = segment.headerReads() - before;
    LogScan.Batch first = scan.assertWholeBatches(slice, offset, MAX_BYTES);
    assertThat(first.position() + slice.sizeInBytes())
        .as("end of read(%d)", offset)
        .isEqualTo(scan.greedyEnd(first, MAX_BYTES));
    assertThat(reads).as("header reads of read(%d)", offset).isEqualTo(headerReads);
  }

  /** Appends {@code count} ~16 KiB batches from {@code baseOffset}; returns their base offsets. */
  private static long[] appendBatches(LogSegment segment, long baseOffset, int count, String tag)
      throws IOException {
    long[] bases = new long[count];
    long next = baseOffset;
    for (int i = 0; i < count; i++) {
      RecordBatch batch =
          RecordBatch.wrap(TestBatches.batch(tag + i, RECORDS, VALUE_BYTES, 1_000 + i));
      batch.setBaseOffset(next);
      bases[i] = next;
      segment.append(batch);
      next = batch.nextOffset();
    }
    return bases;
  }

  /** Ways an index file can be wrong yet pass the structural check at open. */
  enum Damage {
    /** The entry keeps its offset but points at the batch before its own. */
    POINTS_AT_ANOTHER_BATCH {
      @Override
      void apply(ByteBuffer index, int slot, LogScan.Segment segment) {
        setPosition(index, slot, batchBefore(segment, position(index, slot)).position());
      }
    },
    /** The entry keeps its position but names the batch before's base offset. */
    NAMES_ANOTHER_OFFSET {
      @Override
      void apply(ByteBuffer index, int slot, LogScan.Segment segment) {
        long offset = batchBefore(segment, position(index, slot)).baseOffset();
        index.putInt(slot * OffsetIndex.ENTRY_SIZE, (int) (offset - segment.base()));
      }
    },
    /** Two neighbouring entries both point one batch early: positions still increase. */
    NEIGHBOURS_SHIFTED {
      @Override
      void apply(ByteBuffer index, int slot, LogScan.Segment segment) {
        for (int s = slot; s <= slot + 1; s++) {
          setPosition(index, s, batchBefore(segment, position(index, s)).position());
        }
      }
    },
    /** The entry points a few bytes into the batch before its own. */
    POINTS_INSIDE_A_BATCH {
      @Override
      void apply(ByteBuffer index, int slot, LogScan.Segment segment) {
        setPosition(index, slot, position(index, slot) - 7);
      }
    };

    abstract void apply(ByteBuffer index, int slot, LogScan.Segment segment);

    static int position(ByteBuffer index, int slot) {
      return index.getInt(slot * OffsetIndex.ENTRY_SIZE + 4);
    }

    static void setPosition(ByteBuffer index, int slot, int position) {
      index.putInt(slot * OffsetIndex.ENTRY_SIZE + 4, position);
    }

    static LogScan.Batch batchBefore(LogScan.Segment segment, int position) {
      return segment.batches().stream().filter(b -> b.end() == position).findFirst().orElseThrow();
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void shouldReturnTheRightBatchesWhenASaneIndexOnDiskIsWrong(Damage damage) throws IOException {
    // ~5 KiB batches, an index entry every third batch: two batches lie between entries.
    LogConfig config = config(100_000, 12_000);
    try (PartitionLog log = PartitionLog.open(dir, config, io)) {
      for (int i = 0; i < 50; i++) {
        log.append(TestBatches.batch("b" + i, 5, VALUE_BYTES, 1_000)).join();
      }
    }
    LogScan scan = LogScan.of(dir);
    LogScan.Segment first = scan.segments().get(0);
    Path indexFile = SegmentFiles.offsetIndex(dir, first.base());
    ByteBuffer index = ByteBuffer.wrap(Files.readAllBytes(indexFile));
    int entries = index.limit() / OffsetIndex.ENTRY_SIZE;
    assertThat(entries).isGreaterThanOrEqualTo(4);
    damage.apply(index, entries / 2, first);
    Files.write(indexFile, index.array());

    try (PartitionLog log = PartitionLog.open(dir, config, io)) {
      assertThat(Files.readAllBytes(indexFile))
          .as("the damaged index passed the check at open and was kept")
          .isEqualTo(index.array());
      // Twice: a failed check is not remembered as a success.
      for (int round = 0; round < 2; round++) {
        for (int maxBytes : new int[] {1, 6_000, 16_000, 40_000, 1 << 20}) {
          for (long offset = log.logStartOffset(); offset < log.logEndOffset(); offset++) {
            LogSlice slice = log.read(offset, maxBytes);
            scan.assertWholeBatches(slice, offset, maxBytes);
            assertThat(TestBatches.decode(slice.readAll()).get(0))
                .startsWith(scan.holding(offset).baseOffset() + ":");
          }
        }
      }
    }
  }
}
