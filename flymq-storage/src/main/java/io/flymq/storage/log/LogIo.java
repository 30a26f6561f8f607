package io.flymq.storage.log;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and clock shared by all partition logs of a broker: a pool that runs each log's
 * serialized writer (disk writes and fsyncs, never on a caller's thread), a sealer that forces
 * rolled segments in the background, a scheduler for periodic fsyncs, retention and compaction
 * checks and delayed file deletion, and one cleaner thread that compacts logs one at a time (so at
 * most one {@link OffsetMap} of at most {@code cleanerMaxKeys} keys exists at a time).
 *
 * <p>Thread-safe. Close it after every log that uses it.
 */
public final class LogIo implements AutoCloseable {
  private final ExecutorService writers;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService sealers;
  private final ExecutorService flushers;
  private final Clock clock;
  private final Duration retentionCheckInterval;
  private final ExecutorService cleaner;
  private final Duration compactionCheckInterval;
  private final int cleanerMaxKeys;

  /** Default period of the check whether a compacted log is dirty enough to clean. */
  public static final Duration DEFAULT_COMPACTION_CHECK_INTERVAL = Duration.ofSeconds(15);

  private LogIo(
      int writerThreads,
      Clock clock,
      Duration retentionCheckInterval,
      Duration compactionCheckInterval,
      int cleanerMaxKeys) {
    this.writers = Executors.newFixedThreadPool(writerThreads, daemonThreads("flymq-log-writer"));
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("flymq-log-scheduler"));
    this.sealers = Executors.newSingleThreadExecutor(daemonThreads("flymq-log-sealer"));
    this.flushers = Executors.newFixedThreadPool(2, daemonThreads("flymq-log-flusher"));
    this.cleaner = Executors.newSingleThreadExecutor(daemonThreads("flymq-log-cleaner"));
    this.clock = clock;
    this.retentionCheckInterval = retentionCheckInterval;
    this.compactionCheckInterval = compactionCheckInterval;
    this.cleanerMaxKeys = cleanerMaxKeys;
  }

  /**
   * Writer threads = available processors (at least 2), system clock, retention check every 5
   * minutes, compaction check every 15 seconds.
   */
  public static LogIo create() {
    return create(
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        Clock.systemUTC(),
        Duration.ofMinutes(5));
  }

  /**
   * As {@link #create(int, Clock, Duration, Duration, int)}, with the default compaction settings.
   */
  public static LogIo create(int writerThreads, Clock clock, Duration retentionCheckInterval) {
    return create(
        writerThreads,
        clock,
        retentionCheckInterval,
        DEFAULT_COMPACTION_CHECK_INTERVAL,
        OffsetMap.DEFAULT_MAX_KEYS);
  }

  /**
   * @param retentionCheckInterval period of retention checks; zero disables them
   * @param compactionCheckInterval period of the dirty-ratio check of compacted logs; zero disables
   *     background compaction ({@link PartitionLog#compact()} still works)
   * @param cleanerMaxKeys most distinct keys one cleaning maps (about 32 bytes of heap per key:
   *     24-byte slots, at most 75% full); a log with more keys is cleaned in several passes
   */
  public static LogIo create(
      int writerThreads,
      Clock clock,
      Duration retentionCheckInterval,
      Duration compactionCheckInterval,
      int cleanerMaxKeys) {
    List<String> errors = new ArrayList<>();
    if (writerThreads < 1) {
      errors.add("writerThreads: " + writerThreads + " (expected: >= 1)");
    }
    if (compactionCheckInterval.isNegative()) {
      errors.add("compactionCheckInterval: " + compactionCheckInterval + " (expected: >= 0)");
    }
    if (cleanerMaxKeys < 1 || cleanerMaxKeys > OffsetMap.MAX_KEYS) {
      errors.add("cleanerMaxKeys: " + cleanerMaxKeys + " (expected: 1-" + OffsetMap.MAX_KEYS + ")");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new LogIo(
        writerThreads, clock, retentionCheckInterval, compactionCheckInterval, cleanerMaxKeys);
  }

  ExecutorService writers() {
    return writers;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Forces and seals rolled segments off the append path (one thread: seals stay in roll order).
   */
  ExecutorService sealers() {
    return sealers;
  }

  /**
   * Runs the periodic fsyncs of {@code sync=interval} beside the writers, so appends never queue
   * behind one.
   */
  ExecutorService flushers() {
    return flushers;
  }

  public Clock clock() {
    return clock;
  }

  Duration retentionCheckInterval() {
    return retentionCheckInterval;
  }

  /** The one compaction thread. */
  ExecutorService cleaner() {
    return cleaner;
  }

  Duration compactionCheckInterval() {
    return compactionCheckInterval;
  }

  int cleanerMaxKeys() {
    return cleanerMaxKeys;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    sealers.shutdown();
    flushers.shutdown();
    // Not shutdownNow: interrupting a thread inside FileChannel.read closes the channel, which the
    // cleaner shares with the log's readers. A cleaning in progress ends at its next swap.
    cleaner.shutdown();
    writers.shutdown();
    try {
      if (!writers.awaitTermination(30, TimeUnit.SECONDS)) {
        writers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writers.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
