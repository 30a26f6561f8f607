package io.flymq.bench.broker;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The summary of one measured run.
 *
 * @param name the run ("batch", "v1-sync", "echo")
 * @param records records acknowledged (v1 modes: round trips)
 * @param requests requests acknowledged (batch mode: batches)
 * @param valueBytes record value bytes acknowledged
 * @param wireBytes request frame bytes sent for the acknowledged requests
 * @param elapsedNanos wall time of the measured run
 * @param latencyNanos request latency, send to response
 * @param brokerRecords records the broker's offsets account for (sum over partitions of the highest
 *     acknowledged end offset, minus that before the run); -1 when not applicable (echo)
 */
public record LoadResult(
    String name,
    long records,
    long requests,
    long valueBytes,
    long wireBytes,
    long elapsedNanos,
    Histogram latencyNanos,
    long brokerRecords) {

  public double seconds() {
    return elapsedNanos / 1e9;
  }

  public double recordsPerSecond() {
    return records / seconds();
  }

  public double requestsPerSecond() {
    return requests / seconds();
  }

  /** Record value MB/s (10^6 bytes). */
  public double megabytesPerSecond() {
    return valueBytes / seconds() / 1e6;
  }

  public double wireMegabytesPerSecond() {
    return wireBytes / seconds() / 1e6;
  }

  /** The summary lines printed at the end of a run. */
  public String summary() {
    Histogram h = latencyNanos;
    return String.format(
        Locale.ROOT,
        """
        == %s summary ==
        records          %,d%s
        requests         %,d
        elapsed          %.2f s
        records/s        %,.0f
        MB/s             %.1f (record values), %.1f (request frames)
        requests/s       %,.0f
        latency us       avg %.1f  p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f
        """,
        name,
        records,
        brokerRecords < 0
            ? ""
            : String.format(Locale.ROOT, " (broker offsets: %,d)", brokerRecords),
        requests,
        seconds(),
        recordsPerSecond(),
        megabytesPerSecond(),
        wireMegabytesPerSecond(),
        requestsPerSecond(),
        h.getMean() / 1000.0,
        LoadStats.micros(h.getValueAtPercentile(50)),
        LoadStats.micros(h.getValueAtPercentile(99)),
        LoadStats.micros(h.getValueAtPercentile(99.9)),
        LoadStats.micros(h.getMaxValue()));
  }
}
