package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When each sync mode forces data to disk, observed through the log's counters. */
class DurabilityModeTest {
  @TempDir Path dir;
  private final LogIo io = LogIo.create(2, Clock.systemUTC(), Duration.ZERO);

  @AfterEach
  void tearDown() {
    io.close();
  }

  private static LogConfig.Builder config(SyncMode mode) {
    return LogConfig.builder().syncMode(mode).syncIntervalMs(10).fileDeleteDelayMs(0);
  }

  @Test
  void shouldForceBeforeCompletingEveryAppendUnderSyncAlways() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(SyncMode.ALWAYS).build(), io)) {
      for (int i = 0; i < 5; i++) {
        log.append(TestBatches.batch("a" + i, 1)).join();
        // Appends are sequential here, so each one had its own group and its own fsync.
        assertThat(log.stats().fsyncs()).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void shouldShareFsyncsBetweenConcurrentAppendsUnderSyncAlways() throws Exception {
    try (PartitionLog log = PartitionLog.open(dir, config(SyncMode.ALWAYS).build(), io)) {
      int threads = 8;
      int perThread = 100;
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      List<CompletableFuture<AppendResult>> futures =
          java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < threads; t++) {
        Thread worker =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  List<CompletableFuture<AppendResult>> window = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    window.add(log.append(TestBatches.batch("x" + i, 1)));
                    if (window.size() == 4) {
                      window.forEach(CompletableFuture::join);
                      futures.addAll(window);
                      window.clear();
                    }
                  }
                  window.forEach(CompletableFuture::join);
                  futures.addAll(window);
                });
        workers.add(worker);
        worker.start();
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }

      assertThat(futures).hasSize(threads * perThread);
      assertThat(log.stats().appendedBatches()).isEqualTo(threads * perThread);
      // 32 appends can be outstanding at once: groups must have formed while fsyncs ran.
      assertThat(log.stats().fsyncs()).isGreaterThan(0).isLessThan(threads * perThread);
    }
  }

  @Test
  void shouldForceInTheBackgroundUnderSyncInterval() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(SyncMode.INTERVAL).build(), io)) {
      log.append(TestBatches.batch("a", 1)).join();

      await().atMost(Duration.ofSeconds(10)).until(() -> log.stats().fsyncs() >= 1);
      long settled = log.stats().fsyncs();
      // Nothing new to force: the periodic task stays idle.
      await().pollDelay(Duration.ofMillis(100)).until(() -> true);
      assertThat(log.stats().fsyncs()).isEqualTo(settled);
    }
  }

  @Test
  void shouldForceAnAppendThatAsksForItWhateverTheSyncMode() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(SyncMode.NEVER).build(), io)) {
      log.append(TestBatches.batch("plain", 1)).join();
      assertThat(log.stats().fsyncs()).isZero();
      for (int i = 0; i < 3; i++) {
        log.appendAndForce(TestBatches.batch("durable" + i, 1)).join();
        // Sequential, so each forced append had a group, and an fsync, of its own.
        assertThat(log.stats().fsyncs()).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void shouldNotForceAgainOnTheIntervalWhatAForcedAppendAlreadyForced() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(SyncMode.INTERVAL).build(), io)) {
      log.appendAndForce(TestBatches.batch("durable", 1)).join();
      assertThat(log.stats().fsyncs()).isEqualTo(1);
      // Several 10 ms intervals pass: the periodic flusher finds nothing new to force.
      await().pollDelay(Duration.ofMillis(100)).until(() -> true);
      assertThat(log.stats().fsyncs()).isEqualTo(1);
    }
  }

  @Test
  void shouldForceSealedSegmentsUnderSyncNeverOnlyAfterTheSealForceDelay() throws IOException {
    try (PartitionLog log =
        PartitionLog.open(
            dir, config(SyncMode.NEVER).segmentBytes(1024).sealForceDelayMs(400).build(), io)) {
      log.append(TestBatches.batch("a", 1)).join();
      assertThat(log.stats().fsyncs()).isZero();

      for (int i = 0; i < 10; i++) {
        log.append(TestBatches.batch("b" + i, 2, 200, 1)).join();
      }

      long rolls = log.stats().rolls();
      assertThat(rolls).isPositive();
      // Sealed at once, but not forced, and the recovery point stays put: a crash now rescans.
      assertThat(log.stats().fsyncs()).isZero();
      assertThat(RecoveryPoint.read(dir)).isZero();
      // After the delay each rolled segment is forced once, and the recovery point passes it.
      await().atMost(Duration.ofSeconds(10)).until(() -> log.stats().fsyncs() == rolls);
      List<Long> bases = log.segmentBaseOffsets();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> RecoveryPoint.read(dir) == bases.get(bases.size() - 1));
    }
  }

  @Test
  void shouldNeverForceASegmentThatRetentionDeletedBeforeTheSealForceDelay() throws IOException {
    try (PartitionLog log =
        PartitionLog.open(
            dir,
            config(SyncMode.NEVER)
                .segmentBytes(1024)
                .retentionBytes(1024)
                .sealForceDelayMs(300)
                .build(),
            io)) {
      for (int i = 0; i < 10; i++) {
        log.append(TestBatches.batch("b" + i, 2, 200, 1)).join();
      }
      int deleted = log.applyRetention().join();
      assertThat(deleted).isPositive();
      int kept = log.segmentCount() - 1;

      // Long after the delay: only the sealed segments retention kept were forced.
      await().pollDelay(Duration.ofMillis(900)).until(() -> true);
      assertThat(log.stats().fsyncs()).isEqualTo(kept);
    }
  }

  @Test
  void shouldKeepTheRecoveryPointBelowASegmentThatTruncationReopenedBeforeItsForce()
      throws IOException {
    try (PartitionLog log =
        PartitionLog.open(
            dir, config(SyncMode.NEVER).segmentBytes(1024).sealForceDelayMs(300).build(), io)) {
      for (int i = 0; i < 10; i++) {
        log.append(TestBatches.batch("b" + i, 2, 200, 1)).join();
      }
      List<Long> bases = log.segmentBaseOffsets();
      assertThat(bases).hasSizeGreaterThan(2);
      long reopened = bases.get(1);

      // Past the first batch of the second segment: it becomes active again, the later ones go.
      log.truncateTo(reopened + 2).join();

      await().pollDelay(Duration.ofMillis(900)).until(() -> true);
      // The first segment was forced after its delay; the reopened one must not count as durable.
      assertThat(RecoveryPoint.read(dir)).isEqualTo(reopened);
      assertThat(log.stats().fsyncs()).isEqualTo(1);
    }
  }
}
