package io.flymq.bench.perf;

import io.flymq.client.producer.Producer;
import io.flymq.client.producer.ProducerRecord;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * {@code bin/flymq-bench latency}: per-record produce latency with microsecond resolution, the
 * FlyMQ twin of the shared bench's {@code tools/ProduceLatency.java} (same arguments, same output
 * line, so the same parser reads both):
 *
 * <pre>
 * flymq-bench latency BOOTSTRAP TOPIC RECORDS BYTES MODE WARMUP [key=value ...]
 *   MODE sync   : send, wait for the acknowledgement, send the next (one record per request)
 *   MODE RATE   : RATE records/s sent at a fixed pace; latency = send call to acknowledgement
 *   WARMUP      : records sent first and left out of every figure
 * recs_s=6712 MiB_s=0.64 avg_ms=0.149 p50_ms=0.135 p99_ms=0.310 p999_ms=0.720 max_ms=3.100 errors=0
 * </pre>
 *
 * Properties are the producer's, Kafka names; {@code acks=1} unless given. The percentile of p over
 * n sorted latencies is the ceil(p/100 * n)-th smallest.
 */
public final class ProduceLatency {
  static final String USAGE =
      """
      usage: flymq-bench latency BOOTSTRAP TOPIC RECORDS BYTES (sync|RATE) WARMUP [key=value ...]
        sync: one record at a time, each sent after the previous one is acknowledged
        RATE: records/s at a fixed pace, latency = send call to acknowledgement callback
        WARMUP records are sent first and not measured. Prints one line:
        recs_s MiB_s avg_ms p50_ms p99_ms p999_ms max_ms errors (key=value, ms with µs resolution)""";

  private ProduceLatency() {}

  /** The parsed arguments. */
  record Options(
      String topic, int records, int size, long ratePerSec, int warmup, Map<String, String> props) {
    /**
     * @throws IllegalArgumentException for bad or missing arguments
     */
    static Options parse(String[] args) {
      if (args.length < 6) {
        throw new IllegalArgumentException("expected at least 6 arguments, got " + args.length);
      }
      int records = (int) positive("RECORDS", args[2]);
      int size = (int) positive("BYTES", args[3]);
      long rate = args[4].equals("sync") ? 0 : positive("MODE", args[4]);
      long warmup = CommandLine.parseLong("WARMUP", args[5]);
      if (warmup < 0) {
        throw new IllegalArgumentException("WARMUP: " + warmup + " (expected: >= 0)");
      }
      Map<String, String> props = new LinkedHashMap<>();
      props.put("bootstrap.servers", args[0]);
      props.put("acks", "1");
      props.putAll(ClientProperties.pairs(Arrays.asList(args).subList(6, args.length)));
      return new Options(args[1], records, size, rate, (int) warmup, props);
    }

    private static long positive(String name, String text) {
      long value = CommandLine.parseLong(name, text);
      if (value <= 0 || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + ": " + text + " (expected: > 0)");
      }
      return value;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.println(USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("flymq-bench latency: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(1);
      return;
    }
    int status = run(options, Clients::producer, System.out);
    System.out.flush();
    System.exit(status);
  }

  static int run(
      Options o, Function<Map<String, String>, Producer<byte[], byte[]>> factory, PrintStream out)
      throws Exception {
    byte[] payload = new byte[o.size()];
    new Random(0).nextBytes(payload);
    int total = o.warmup() + o.records();
    long[] latencyNs = new long[total];
    AtomicLong errors = new AtomicLong();
    Producer<byte[], byte[]> producer;
    try {
      producer = factory.apply(o.props());
    } catch (IllegalArgumentException e) {
      System.err.println(
          "flymq-bench latency: the FlyMQ producer rejected its settings: " + e.getMessage());
      return 1;
    }
    long startNs = 0;
    try {
      producer.partitionCount(o.topic()); // metadata before the clock starts
      long intervalNs = o.ratePerSec() == 0 ? 0 : 1_000_000_000L / o.ratePerSec();
      long paceStartNs = System.nanoTime();
      for (int i = 0; i < total; i++) {
        if (i == o.warmup()) {
          startNs = System.nanoTime();
        }
        ProducerRecord<byte[], byte[]> record = ProducerRecord.of(o.topic(), payload);
        if (intervalNs == 0) {
          long t0 = System.nanoTime();
          try {
            producer.send(record).get();
          } catch (java.util.concurrent.ExecutionException e) {
            errors.incrementAndGet();
          }
          latencyNs[i] = System.nanoTime() - t0;
          continue;
        }
        long waitNs = paceStartNs + i * intervalNs - System.nanoTime();
        if (waitNs > 0) {
          LockSupport.parkNanos(waitNs);
        }
        int index = i;
        long t0 = System.nanoTime();
        producer.send(
            record,
            (metadata, exception) -> {
              latencyNs[index] = System.nanoTime() - t0;
              if (exception != null) {
                errors.incrementAndGet();
              }
            });
      }
      producer.flush();
    } finally {
      producer.close(); // joins the I/O threads: every callback's write to latencyNs is visible
    }
    double secs = (System.nanoTime() - startNs) / 1e9;
    long[] measured = Arrays.copyOfRange(latencyNs, o.warmup(), total);
    out.println(line(measured, o.size(), secs, errors.get()));
    return errors.get() == 0 ? 0 : 1;
  }

  /** The result line over the measured latencies (sorted in place). */
  static String line(long[] latencyNs, int size, double secs, long errors) {
    Arrays.sort(latencyNs);
    int n = latencyNs.length;
    double sum = 0;
    for (long l : latencyNs) {
      sum += l;
    }
    return String.format(
        Locale.ROOT,
        "recs_s=%.0f MiB_s=%.2f avg_ms=%.3f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f"
            + " errors=%d",
        n / secs,
        n * (double) size / secs / (1 << 20),
        sum / n / 1e6,
        percentileMs(latencyNs, 50),
        percentileMs(latencyNs, 99),
        percentileMs(latencyNs, 99.9),
        latencyNs[n - 1] / 1e6,
        errors);
  }

  static double percentileMs(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }
}
