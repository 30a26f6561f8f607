package io.flymq.bench.broker;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and the latency recorder of one measured run, fed by the load threads and read by the
 * progress reporter. Latencies are recorded in nanoseconds (up to 1 minute, 3 significant digits).
 *
 * <p>Thread-safe.
 */
final class LoadStats {
  private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongAdder records = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder valueBytes = new LongAdder();
  private final LongAdder wireBytes = new LongAdder();
  private final Recorder recorder = new Recorder(MAX_LATENCY_NANOS, 3);
  private final Histogram total = new Histogram(MAX_LATENCY_NANOS, 3);
  private final long startNanos = System.nanoTime();
  private long lastReportNanos = startNanos;
  private long lastRecords;
  private long lastRequests;
  private long lastValueBytes;

  /** One acknowledged request of {@code recordCount} records. */
  void acknowledged(int recordCount, long values, long wire, long latencyNanos) {
    records.add(recordCount);
    requests.increment();
    valueBytes.add(values);
    wireBytes.add(wire);
    recorder.recordValue(Math.min(latencyNanos, MAX_LATENCY_NANOS));
  }

  long records() {
    return records.sum();
  }

  /** Prints one progress line for the interval since the previous one. Called by one thread. */
  synchronized void report(PrintStream out, String label) {
    long now = System.nanoTime();
    Histogram interval = recorder.getIntervalHistogram();
    total.add(interval);
    long r = records.sum();
    long q = requests.sum();
    long b = valueBytes.sum();
    double seconds = (now - lastReportNanos) / 1e9;
    out.printf(
        Locale.ROOT,
        "%s %6.1fs  %,12.0f records/s  %8.1f MB/s  %,10.0f req/s  p50 %8.1f us  p99 %8.1f us%n",
        label,
        (now - startNanos) / 1e9,
        (r - lastRecords) / seconds,
        (b - lastValueBytes) / seconds / 1e6,
        (q - lastRequests) / seconds,
        micros(interval.getValueAtPercentile(50)),
        micros(interval.getValueAtPercentile(99)));
    lastReportNanos = now;
    lastRecords = r;
    lastRequests = q;
    lastValueBytes = b;
  }

  /** The totals, measured from construction to now. */
  synchronized LoadResult finish(String name, long brokerRecords) {
    long elapsed = System.nanoTime() - startNanos;
    total.add(recorder.getIntervalHistogram());
    return new LoadResult(
        name,
        records.sum(),
        requests.sum(),
        valueBytes.sum(),
        wireBytes.sum(),
        elapsed,
        total.copy(),
        brokerRecords);
  }

  static double micros(long nanos) {
    return nanos / 1000.0;
  }
}
