package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.record.BatchCheck;
import io.flymq.record.RecordBatch;
import io.flymq.record.TimestampType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(1_700_000_000_000L);
  private LogIo io;

  @BeforeEach
  void setUp() {
    io = LogIo.create(2, clock, Duration.ZERO);
  }

  @AfterEach
  void tearDown() {
    io.close();
  }

  private LogConfig.Builder config() {
    return LogConfig.builder().fileDeleteDelayMs(0).syncMode(SyncMode.NEVER);
  }

  private static List<String> readAll(PartitionLog log, long from) throws IOException {
    List<String> out = new ArrayList<>();
    long offset = from;
    while (offset < log.logEndOffset()) {
      LogSlice slice = log.read(offset, 1000);
      out.addAll(TestBatches.decode(slice.readAll()));
      offset = slice.nextOffset();
    }
    return out;
  }

  @Test
  void shouldAssignContiguousOffsetsAndReadBatchesBack() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      AppendResult first = log.append(TestBatches.batch("a", 3)).join();
      AppendResult second = log.append(TestBatches.batch("b", 2)).join();

      assertThat(first.baseOffset()).isZero();
      assertThat(first.lastOffset()).isEqualTo(2);
      assertThat(second.baseOffset()).isEqualTo(3);
      assertThat(log.logEndOffset()).isEqualTo(5);
      assertThat(readAll(log, 0))
          .map(v -> v.substring(0, 5))
          .containsExactly("0:a-0", "1:a-1", "2:a-2", "3:b-0", "4:b-1");
    }
  }

  @Test
  void shouldStartReadAtTheBatchContainingTheOffset() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      log.append(TestBatches.batch("a", 3)).join();
      log.append(TestBatches.batch("b", 3)).join();

      LogSlice slice = log.read(4, 1);

      assertThat(slice.firstBatchOffset()).isEqualTo(3);
      assertThat(slice.nextOffset()).isEqualTo(6);
      assertThat(TestBatches.decode(slice.readAll()))
          .hasSize(3)
          .first()
          .asString()
          .startsWith("3:b-0");
    }
  }

  @Test
  void shouldReturnEmptySliceAtLogEndAndRejectOffsetsOutOfRange() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      log.append(TestBatches.batch("a", 2)).join();

      assertThat(log.read(2, 100).isEmpty()).isTrue();
      assertThatThrownBy(() -> log.read(3, 100))
          .isInstanceOf(OffsetOutOfRangeException.class)
          .hasMessageContaining("offset: 3 (expected: 0..2)");
      assertThatThrownBy(() -> log.read(-1, 100)).isInstanceOf(OffsetOutOfRangeException.class);
    }
  }

  @Test
  void shouldRejectBatchWithBadCrcWithoutWritingIt() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      ByteBuffer batch = TestBatches.batch("a", 2);
      batch.put(batch.limit() - 1, (byte) (batch.get(batch.limit() - 1) ^ 1));

      CompletableFuture<AppendResult> result = log.append(batch);

      assertThatThrownBy(result::join)
          .hasCauseInstanceOf(InvalidRecordBatchException.class)
          .hasMessageContaining("CRC32C");
      assertThat(log.logEndOffset()).isZero();
    }
  }

  @Test
  void shouldRefuseAReadOnlyBatchWithoutFailingTheLog() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      CompletableFuture<AppendResult> refused =
          log.append(TestBatches.batch("a", 1).asReadOnlyBuffer());

      assertThatThrownBy(refused::join)
          .hasCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("read-only");
      assertThat(log.append(TestBatches.batch("b", 1)).join().baseOffset()).isZero();
    }
  }

  @Test
  void shouldRejectBatchLargerThanTheLimit() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().maxBatchBytes(200).build(), io)) {
      CompletableFuture<AppendResult> result = log.append(TestBatches.batch("a", 10, 100, 1));

      assertThatThrownBy(result::join)
          .cause()
          .isInstanceOfSatisfying(
              InvalidRecordBatchException.class,
              e -> assertThat(e.reason()).isEqualTo(BatchCheck.TOO_LARGE));
    }
  }

  @Test
  void shouldRollSegmentWhenItWouldExceedSegmentBytes() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().segmentBytes(2048).build(), io)) {
      for (int i = 0; i < 10; i++) {
        log.append(TestBatches.batch("r" + i, 4, 100, 1)).join();
      }

      // Each batch is ~500 bytes: four fit in 2048, so 10 batches make segments of 4, 4 and 2.
      assertThat(log.segmentBaseOffsets()).containsExactly(0L, 16L, 32L);
      assertThat(Files.exists(dir.resolve("00000000000000000000.log"))).isTrue();
      assertThat(readAll(log, 0)).hasSize(40);
      for (long base : log.segmentBaseOffsets()) {
        assertThat(Files.size(dir.resolve(SegmentFiles.baseName(base) + ".log")))
            .isLessThanOrEqualTo(2048);
      }
    }
  }

  @Test
  void shouldSplitOneWriterGroupWhereSegmentsFill() throws Exception {
    // ~500-byte batches: 4 fit in a segment, whose index (8 entries) never fills.
    assertOneGroupSplitsCleanly(
        config().segmentBytes(2048).indexIntervalBytes(0).maxIndexBytes(64));
  }

  @Test
  void shouldSplitOneWriterGroupWhereIndexesFill() throws Exception {
    // An index entry for every batch but the first: 8 entries, so 9 of the 16 that would fit.
    assertOneGroupSplitsCleanly(
        config().segmentBytes(8192).indexIntervalBytes(0).maxIndexBytes(64));
  }

  private void assertOneGroupSplitsCleanly(LogConfig.Builder builder) throws Exception {
    LogConfig cfg = builder.build();
    LogIo oneWriter = LogIo.create(1, clock, Duration.ZERO);
    try {
      appendOneGroup(cfg, oneWriter);
    } finally {
      oneWriter.close();
    }
    // Indexes sealed at close agree with the log: reopening trusts them and reads the same.
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      assertThat(log.logEndOffset()).isEqualTo(161);
      assertThat(readAll(log, 0)).hasSize(161);
      for (long offset = 0; offset < 161; offset += 7) {
        String prefix = offset + ":";
        assertThat(TestBatches.decode(log.read(offset, 1).readAll()))
            .anySatisfy(record -> assertThat(record).startsWith(prefix));
      }
    }
  }

  private void appendOneGroup(LogConfig cfg, LogIo oneWriter) throws Exception {
    try (PartitionLog log = PartitionLog.open(dir, cfg, oneWriter)) {
      log.append(TestBatches.batch("first", 1)).join();
      // Hold the only writer thread, so the next 40 appends queue up and reach the writer as one
      // group, which crosses many segment limits.
      CountDownLatch release = new CountDownLatch(1);
      oneWriter
          .writers()
          .execute(
              () -> {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      List<CompletableFuture<AppendResult>> group = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        group.add(log.append(TestBatches.batch("g" + i, 4, 100, 1)));
      }
      release.countDown();

      for (int i = 0; i < group.size(); i++) {
        assertThat(group.get(i).join().baseOffset()).isEqualTo(1 + 4L * i);
      }
      assertThat(readAll(log, 0)).hasSize(161);
      assertThat(log.segmentCount()).isGreaterThanOrEqualTo(5);
      for (long base : log.segmentBaseOffsets()) {
        assertThat(Files.size(dir.resolve(SegmentFiles.baseName(base) + ".log")))
            .isLessThanOrEqualTo(cfg.segmentBytes());
      }
    }
  }

  @Test
  void shouldRollSegmentWhenItIsOlderThanSegmentMs() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().segmentMs(1000).build(), io)) {
      log.append(TestBatches.batch("a", 1)).join();
      clock.advance(999);
      log.append(TestBatches.batch("b", 1)).join();
      assertThat(log.segmentCount()).isEqualTo(1);

      clock.advance(1);
      log.append(TestBatches.batch("c", 1)).join();

      assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
    }
  }

  @Test
  void shouldDeleteOldestSegmentsBeyondRetentionBytes() throws IOException {
    LogConfig cfg = config().segmentBytes(1024).retentionBytes(2048).retentionMs(-1).build();
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      for (int i = 0; i < 20; i++) {
        log.append(TestBatches.batch("r" + i, 2, 150, 1)).join();
      }
      long sizeBefore = log.sizeInBytes();

      int deleted = log.applyRetention().join();

      assertThat(deleted).isPositive();
      assertThat(log.sizeInBytes()).isLessThan(sizeBefore).isGreaterThanOrEqualTo(2048 - 1024);
      assertThat(log.logStartOffset()).isEqualTo(log.segmentBaseOffsets().get(0)).isPositive();
      assertThat(readAll(log, log.logStartOffset())).last().asString().startsWith("39:r19-1");
      assertThatThrownBy(() -> log.read(0, 100)).isInstanceOf(OffsetOutOfRangeException.class);
    }
  }

  @Test
  void shouldDeleteSegmentsWhoseNewestRecordIsOlderThanRetentionMs() throws IOException {
    LogConfig cfg = config().segmentBytes(1024).retentionMs(60_000).retentionBytes(-1).build();
    long now = clock.millis();
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      for (int i = 0; i < 6; i++) {
        log.append(TestBatches.batch("old" + i, 2, 150, now - 120_000)).join();
      }
      long firstFresh = log.logEndOffset();
      for (int i = 0; i < 6; i++) {
        log.append(TestBatches.batch("new" + i, 2, 150, now)).join();
      }

      log.applyRetention().join();

      assertThat(log.logStartOffset()).isLessThanOrEqualTo(firstFresh);
      assertThat(readAll(log, log.logStartOffset()))
          .noneMatch(v -> v.contains(":old"))
          .anyMatch(v -> v.startsWith(firstFresh + ":new0"));
    }
  }

  @Test
  void shouldKeepEverythingWhenRetentionIsUnlimited() throws IOException {
    LogConfig cfg = config().segmentBytes(1024).retentionMs(-1).retentionBytes(-1).build();
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      for (int i = 0; i < 10; i++) {
        log.append(TestBatches.batch("r" + i, 2, 150, 1)).join();
      }
      clock.advance(Duration.ofDays(365).toMillis());

      assertThat(log.applyRetention().join()).isZero();
      assertThat(log.logStartOffset()).isZero();
    }
  }

  @Test
  void shouldTruncateToBatchBoundaryAndContinueAppendingFromThere() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().segmentBytes(1024).build(), io)) {
      for (int i = 0; i < 10; i++) {
        log.append(TestBatches.batch("r" + i, 2, 150, 1)).join();
      }
      int segmentsBefore = log.segmentCount();

      long end = log.truncateTo(7).join();

      assertThat(end).isEqualTo(6);
      assertThat(log.logEndOffset()).isEqualTo(6);
      assertThat(log.segmentCount()).isLessThan(segmentsBefore);
      log.append(TestBatches.batch("after", 1)).join();
      assertThat(readAll(log, 0)).hasSize(7).last().asString().startsWith("6:after-0");
    }
  }

  @Test
  void shouldTruncateFullyAndRestartAtOffsetBelowLogStart() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      log.append(TestBatches.batch("a", 5)).join();

      log.truncateTo(0).join();

      assertThat(log.logEndOffset()).isZero();
      assertThat(log.append(TestBatches.batch("b", 1)).join().baseOffset()).isZero();
    }
  }

  @Test
  void shouldFindFirstRecordAtOrAfterTimestamp() throws IOException {
    try (PartitionLog log =
        PartitionLog.open(dir, config().indexIntervalBytes(0).segmentBytes(1024).build(), io)) {
      for (int i = 0; i < 20; i++) {
        log.append(TestBatches.batch("t" + i, 2, 100, 10_000L + i * 100)).join();
      }

      // Batch i holds offsets 2i and 2i+1 with timestamps 10000+100i and 10001+100i.
      assertThat(log.offsetForTimestamp(0)).contains(new TimestampOffset(0, 10_000));
      assertThat(log.offsetForTimestamp(10_550)).contains(new TimestampOffset(12, 10_600));
      assertThat(log.offsetForTimestamp(10_601)).contains(new TimestampOffset(13, 10_601));
      assertThat(log.offsetForTimestamp(10_602)).contains(new TimestampOffset(14, 10_700));
      assertThat(log.offsetForTimestamp(11_901)).contains(new TimestampOffset(39, 11_901));
      assertThat(log.offsetForTimestamp(99_999)).isEmpty();
    }
  }

  @Test
  void shouldStampLogAppendTimeWhenConfigured() throws IOException {
    LogConfig cfg = config().timestampType(TimestampType.LOG_APPEND_TIME).build();
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      AppendResult result = log.append(TestBatches.batch("a", 2, 16, 5)).join();

      assertThat(result.logAppendTimeMs()).isEqualTo(clock.millis());
      RecordBatch stored = RecordBatch.wrap(log.read(0, 1000).readAll());
      assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
      assertThat(stored.maxTimestamp()).isEqualTo(clock.millis());
      assertThat(stored.isCrcValid()).isTrue();
    }
  }

  @Test
  void shouldStampLeaderEpoch() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      log.append(TestBatches.batch("a", 1), 7).join();

      assertThat(RecordBatch.wrap(log.read(0, 1000).readAll()).partitionLeaderEpoch()).isEqualTo(7);
    }
  }

  @Test
  void shouldReopenAfterCleanCloseWithSameDataAndContinueOffsets() throws IOException {
    LogConfig cfg = config().segmentBytes(1024).build();
    List<String> before;
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      for (int i = 0; i < 12; i++) {
        log.append(TestBatches.batch("r" + i, 2, 150, 1)).join();
      }
      before = readAll(log, 0);
    }
    assertThat(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE)).exists();

    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      assertThat(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE)).doesNotExist();
      assertThat(readAll(log, 0)).isEqualTo(before);
      assertThat(log.append(TestBatches.batch("next", 1)).join().baseOffset()).isEqualTo(24);
    }
  }

  @Test
  void shouldFailAppendsAfterClose() throws IOException {
    PartitionLog log = PartitionLog.open(dir, config().build(), io);
    log.close();

    assertThatThrownBy(() -> log.append(TestBatches.batch("a", 1)).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(LogClosedException.class);
    assertThatThrownBy(() -> log.read(0, 10)).isInstanceOf(LogClosedException.class);
  }

  @Test
  void shouldCompleteEveryConcurrentAppendWithDistinctOffsetsUnderSyncAlways() throws Exception {
    LogConfig cfg = config().syncMode(SyncMode.ALWAYS).build();
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        List<CompletableFuture<AppendResult>> mine = new ArrayList<>();
        futures.addAll(List.of());
        Thread worker =
            new Thread(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    mine.add(log.append(TestBatches.batch("t" + thread + "-" + i, 1)));
                  }
                  synchronized (futures) {
                    futures.addAll(mine);
                  }
                });
        threads.add(worker);
        worker.start();
      }
      for (Thread worker : threads) {
        worker.join();
      }
      List<Long> offsets = futures.stream().map(f -> f.join().baseOffset()).sorted().toList();

      assertThat(offsets).hasSize(400).doesNotHaveDuplicates();
      assertThat(offsets.get(399)).isEqualTo(399);
      assertThat(readAll(log, 0)).hasSize(400);
    }
  }

  @Test
  void shouldDeleteTheWholeDirectory() throws IOException {
    Path logDir = dir.resolve("topic-0");
    PartitionLog log = PartitionLog.open(logDir, config().build(), io);
    log.append(TestBatches.batch("a", 1)).join();

    log.delete();

    assertThat(logDir).doesNotExist();
  }
}
