package io.flymq.storage.log;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and clock shared by all partition logs of a broker: a pool that runs each log's
 * serialized writer (disk writes and fsyncs, never on a caller's thread), a sealer that forces
 * rolled segments in the background, and a scheduler for periodic fsyncs, retention checks and
 * delayed file deletion.
 *
 * <p>Thread-safe. Close it after every log that uses it.
 */
public final class LogIo implements AutoCloseable {
  private final ExecutorService writers;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService sealers;
  private final Clock clock;
  private final Duration retentionCheckInterval;

  private LogIo(int writerThreads, Clock clock, Duration retentionCheckInterval) {
    this.writers = Executors.newFixedThreadPool(writerThreads, daemonThreads("flymq-log-writer"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("flymq-log-scheduler"));
    this.sealers = Executors.newSingleThreadExecutor(daemonThreads("flymq-log-sealer"));
    this.clock = clock;
    this.retentionCheckInterval = retentionCheckInterval;
  }

  /** Writer threads = available processors (at least 2), system clock, retention check every 5 minutes. */
  public static LogIo create() {
    return create(Math.max(2, Runtime.getRuntime().availableProcessors()), Clock.systemUTC(), Duration.ofMinutes(5));
  }

  public static LogIo create(int writerThreads, Clock clock, Duration retentionCheckInterval) {
    if (writerThreads < 1) {
      throw new IllegalArgumentException("writerThreads: " + writerThreads + " (expected: >= 1)");
    }
    return new LogIo(writerThreads, clock, retentionCheckInterval);
  }

  ExecutorService writers() {
    return writers;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Forces and seals rolled segments off the append path (one thread: seals stay in roll order). */
  ExecutorService sealers() {
    return sealers;
  }

  public Clock clock() {
    return clock;
  }

  Duration retentionCheckInterval() {
    return retentionCheckInterval;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    sealers.shutdown();
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
