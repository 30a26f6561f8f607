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
  void shouldNotForceAppendsUnderSyncNeverUntilRoll() throws IOException {
    try (PartitionLog log =
        PartitionLog.open(dir, config(SyncMode.NEVER).segmentBytes(1024).build(), io)) {
      log.append(TestBatches.batch("a", 1)).join();
      assertThat(log.stats().fsyncs()).isZero();

      for (int i = 0; i < 10; i++) {
        log.append(TestBatches.batch("b" + i, 2, 200, 1)).join();
      }

      assertThat(log.stats().rolls()).isPositive();
      // Rolled segments are forced by the background sealer, once each.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.stats().fsyncs() == log.stats().rolls());
    }
  }
}
