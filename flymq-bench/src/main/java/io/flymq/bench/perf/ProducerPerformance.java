package io.flymq.bench.perf;

import io.flymq.client.producer.Producer;
import io.flymq.client.producer.ProducerRecord;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@code bin/flymq-bench producer}: Kafka's producer perf test for FlyMQ. Same flags and same
 * output as Kafka 4.4's {@code ProducerPerformance} (see {@link ProducerStats} for the lines), so
 * the scripts that run and parse Kafka's tool run and parse this one. Each record's latency is from
 * the {@code send} call to its acknowledgement, in whole milliseconds.
 *
 * <p>Exit status: 0 when every record was acknowledged; 1 for a bad command line, a rejected
 * setting, or when any record failed (the first failure is printed on stderr).
 */
public final class ProducerPerformance {
  private ProducerPerformance() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || java.util.Arrays.asList(args).contains("--help")) {
      System.out.println(ProducerPerfOptions.USAGE);
      return;
    }
    ProducerPerfOptions options;
    try {
      options = ProducerPerfOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("flymq-bench producer: " + e.getMessage());
      System.err.println(ProducerPerfOptions.USAGE);
      System.exit(1);
      return;
    }
    if (java.util.Arrays.asList(args).contains("--print-metrics")) {
      System.err.println("flymq-bench producer: --print-metrics is not supported; ignored");
    }
    int status = run(options, Clients::producer, System.out, System::currentTimeMillis);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs the test: sends, closes the producer (which waits for every acknowledgement) and prints
   * the summary lines.
   *
   * @return the exit status
   */
  static int run(
      ProducerPerfOptions options,
      Function<Map<String, String>, Producer<byte[], byte[]>> factory,
      PrintStream out,
      LongSupplier clockMs)
      throws Exception {
    PayloadGenerator payloads = PayloadGenerator.of(options);
    Producer<byte[], byte[]> producer;
    try {
      producer = factory.apply(options.producerProps());
    } catch (IllegalArgumentException e) {
      System.err.println(
          "flymq-bench producer: the FlyMQ producer rejected its settings: " + e.getMessage());
      return 1;
    }
    long warmup = options.warmupRecords();
    if (warmup > 0) {
      out.println(
          "Warmup first "
              + warmup
              + " records. Steady state results will print after the complete test summary.");
    }
    long startMs = clockMs.getAsLong();
    ProducerStats stats = new ProducerStats(startMs, false, options.reportingIntervalMs(), out);
    ProducerStats steady = null;
    ThroughputThrottler throttler = new ThroughputThrottler(options.throughput(), startMs);
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    try {
      for (long i = 0; i < options.numRecords(); i++) {
        byte[] value = payloads.next(i);
        long sendStartMs = clockMs.getAsLong();
        if (warmup > 0 && i == warmup) {
          steady = new ProducerStats(sendStartMs, true, options.reportingIntervalMs(), out);
          stats.suppressWindows();
        }
        ProducerStats steadyNow = steady;
        int bytes = value.length;
        producer.send(
            ProducerRecord.of(options.topic(), value),
            (metadata, exception) -> {
              long now = clockMs.getAsLong();
              if (exception != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, exception);
                return;
              }
              stats.record(now - sendStartMs, bytes, now);
              if (steadyNow != null) {
                steadyNow.record(now - sendStartMs, bytes, now);
              }
            });
        if (throttler.shouldThrottle(i, sendStartMs)) {
          throttler.throttle();
        }
      }
    } finally {
      producer.close();
    }
    long endMs = clockMs.getAsLong();
    out.println(stats.totalLine(endMs));
    if (steady != null) {
      out.println(steady.totalLine(endMs));
    }
    if (failed.get() > 0) {
      System.err.println(
          "flymq-bench producer: "
              + failed.get()
              + " of "
              + options.numRecords()
              + " records failed; the first: "
              + firstFailure.get());
      return 1;
    }
    return 0;
  }
}
