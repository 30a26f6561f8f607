package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads racing appends: every batch that was visible before a read starts fits in a large read, so
 * the read must reach at least that far. Before the fix, an index entry published for a batch still
 * being appended made the read stop after its first batch.
 */
class ConcurrentReadTest {
  @TempDir Path dir;

  @Test
  void shouldReturnEveryVisibleBatchWhileAppendsRun() throws Exception {
    LogConfig config = LogConfig.builder().indexIntervalBytes(0).syncMode(SyncMode.NEVER).build();
    try (LogIo io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO);
        PartitionLog log = PartitionLog.open(dir, config, io)) {
      log.append(TestBatches.batch("seed", 1)).join();
      AtomicBoolean done = new AtomicBoolean();
      Thread appender =
          new Thread(
              () -> {
                for (int i = 0; i < 3000; i++) {
                  log.append(TestBatches.batch("a" + i, 1)).join();
                }
                done.set(true);
              });
      appender.start();
      int reads = 0;
      while (!done.get() || reads < 100) {
        long visibleEnd = log.logEndOffset();
        LogSlice slice = log.read(0, 64 * 1024 * 1024);
        assertThat(slice.nextOffset()).as("read %d", reads).isGreaterThanOrEqualTo(visibleEnd);
        reads++;
      }
      appender.join();
    }
  }
}
