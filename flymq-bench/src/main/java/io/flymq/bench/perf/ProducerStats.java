package io.flymq.bench.perf;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The send statistics of {@link ProducerPerformance}: acknowledged records, bytes and their latency
 * in whole milliseconds (send call to acknowledgement, wall clock, as Kafka's tool measures it),
 * kept in an HdrHistogram for the percentiles. Prints Kafka's progress line every reporting
 * interval and, at the end, its summary line:
 *
 * <pre>
 * 19952 records sent, 9951.1 records/sec (0.95 MB/sec), 6.1 ms avg latency, 20.0 ms max latency.
 * 70000 records sent, 9955.909543 records/sec (0.95 MB/sec), 14.65 ms avg latency, 390.00 ms max latency, 6 ms 50th, 133 ms 95th, 143 ms 99th, 144 ms 99.9th.
 * 60000 steady state records sent, 9932.130442 records/sec (...), ... 17 ms 99.9th.
 * </pre>
 *
 * The last shape is the steady-state summary printed with {@code --warmup-records}; its progress
 * lines start after {@code In steady state.}. MB are MiB, as in Kafka's tool. Thread-safe: the
 * producer may call back from any thread.
 */
final class ProducerStats {
  private static final long MAX_LATENCY_MS = 3_600_000L;

  private final long startMs;
  private final boolean steadyState;
  private final long reportingIntervalMs;
  private final PrintStream out;
  private final Histogram latencies = new Histogram(MAX_LATENCY_MS, 3);
  private long count;
  private long bytes;
  private long totalLatencyMs;
  private long maxLatencyMs;
  private long windowStartMs;
  private long windowCount;
  private long windowBytes;
  private long windowTotalLatencyMs;
  private long windowMaxLatencyMs;
  private boolean suppressWindows;

  /**
   * @param startMs when sending started
   * @param steadyState whether this counts only the records after the warm-up
   * @param reportingIntervalMs the period of the progress lines
   * @param out where the lines go
   */
  ProducerStats(long startMs, boolean steadyState, long reportingIntervalMs, PrintStream out) {
    this.startMs = startMs;
    this.windowStartMs = startMs;
    this.steadyState = steadyState;
    this.reportingIntervalMs = reportingIntervalMs;
    this.out = out;
  }

  /** Counts one acknowledged record; prints a progress line when the interval is over. */
  synchronized void record(long latencyMs, int recordBytes, long nowMs) {
    long latency = Math.max(0, Math.min(latencyMs, MAX_LATENCY_MS));
    count++;
    bytes += recordBytes;
    totalLatencyMs += latency;
    maxLatencyMs = Math.max(maxLatencyMs, latency);
    latencies.recordValue(latency);
    windowCount++;
    windowBytes += recordBytes;
    windowTotalLatencyMs += latency;
    windowMaxLatencyMs = Math.max(windowMaxLatencyMs, latency);
    if (nowMs - windowStartMs >= reportingIntervalMs) {
      if (steadyState && count == windowCount) {
        out.println("In steady state.");
      }
      if (!suppressWindows) {
        out.println(
            windowLine(
                windowCount,
                nowMs - windowStartMs,
                windowBytes,
                windowTotalLatencyMs,
                windowMaxLatencyMs));
      }
      windowStartMs = nowMs;
      windowCount = 0;
      windowBytes = 0;
      windowTotalLatencyMs = 0;
      windowMaxLatencyMs = 0;
    }
  }

  /** Stops the progress lines (the steady-state stats print them from now on). */
  synchronized void suppressWindows() {
    suppressWindows = true;
  }

  synchronized long count() {
    return count;
  }

  /** The summary line over everything recorded, as of {@code nowMs}. */
  synchronized String totalLine(long nowMs) {
    long elapsedMs = Math.max(1, nowMs - startMs);
    return String.format(
        Locale.ROOT,
        "%d%s records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency,"
            + " %d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.",
        count,
        steadyState ? " steady state" : "",
        1000.0 * count / elapsedMs,
        1000.0 * bytes / elapsedMs / (1024.0 * 1024.0),
        count == 0 ? 0.0 : totalLatencyMs / (double) count,
        (double) maxLatencyMs,
        percentile(50),
        percentile(95),
        percentile(99),
        percentile(99.9));
  }

  private long percentile(double p) {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(p);
  }

  static String windowLine(
      long records, long elapsedMs, long bytes, long totalLatencyMs, long maxLatencyMs) {
    double elapsed = Math.max(1, elapsedMs);
    return String.format(
        Locale.ROOT,
        "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max latency.",
        records,
        1000.0 * records / elapsed,
        1000.0 * bytes / elapsed / (1024.0 * 1024.0),
        records == 0 ? 0.0 : totalLatencyMs / (double) records,
        (double) maxLatencyMs);
  }
}
