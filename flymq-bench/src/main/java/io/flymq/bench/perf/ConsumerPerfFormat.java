package io.flymq.bench.perf;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

/**
 * The lines of {@link ConsumerPerformance}, exactly as Kafka's {@code ConsumerPerformance} prints
 * them: comma-and-space separated, MB = MiB, rates with four decimals, times in the {@code
 * --date-format} pattern (default {@code yyyy-MM-dd HH:mm:ss:SSS}, local time zone):
 *
 * <pre>
 * start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
 * 2026-12-01 21:29:50:220, 2026-12-01 21:29:51:532, 6.6757, 5.0882, 70000, 53353.6585, 961, 351, 19.0191, 199430.1994
 * </pre>
 *
 * The rates of the first four columns are over the whole time, those of the last two over the fetch
 * time (whole time minus the group join, {@code rebalance.time.ms}). With {@code
 * --show-detailed-stats} each progress line has {@code time, threadId} in place of the two times.
 * Not thread-safe ({@link SimpleDateFormat}).
 */
final class ConsumerPerfFormat {
  private static final String EXTRA =
      ", rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";
  private static final double MIB = 1024 * 1024;

  private final SimpleDateFormat dates;

  ConsumerPerfFormat(String datePattern) {
    this.dates = new SimpleDateFormat(datePattern);
  }

  static String header(boolean detailed) {
    return (detailed
            ? "time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec"
            : "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec")
        + EXTRA;
  }

  /** The summary line of a whole run. */
  String summary(long startMs, long endMs, long bytes, long records, long joinMs) {
    double elapsedSec = (endMs - startMs) / 1000.0;
    long fetchMs = endMs - startMs - joinMs;
    double mb = bytes / MIB;
    return String.format(
        Locale.ROOT,
        "%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f",
        dates.format(new Date(startMs)),
        dates.format(new Date(endMs)),
        mb,
        mb / elapsedSec,
        records,
        records / elapsedSec,
        joinMs,
        fetchMs,
        mb / (fetchMs / 1000.0),
        records / (fetchMs / 1000.0));
  }

  /** A detailed progress line for the interval {@code [lastMs, nowMs]}. */
  String progress(
      long bytes,
      long lastBytes,
      long records,
      long lastRecords,
      long lastMs,
      long nowMs,
      long joinMsThisInterval) {
    double elapsedMs = nowMs - lastMs;
    double intervalMb = (bytes - lastBytes) / MIB;
    long fetchMs = nowMs - lastMs - joinMsThisInterval;
    return String.format(
        Locale.ROOT,
        "%s, %d, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f",
        dates.format(new Date(nowMs)),
        0,
        bytes / MIB,
        1000.0 * intervalMb / elapsedMs,
        records,
        (records - lastRecords) / elapsedMs * 1000.0,
        joinMsThisInterval,
        fetchMs,
        fetchMs <= 0 ? 0.0 : 1000.0 * intervalMb / fetchMs,
        fetchMs <= 0 ? 0.0 : 1000.0 * (records - lastRecords) / fetchMs);
  }
}
