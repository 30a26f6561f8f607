package io.flymq.bench.perf;

import io.flymq.client.FlyMQ;
import io.flymq.client.FlyMQClient;
import io.flymq.client.consumer.Consumer;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.consumer.ConsumerRecords;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@code bin/flymq-bench consumer}: Kafka's consumer perf test for FlyMQ. Same flags and same
 * output as Kafka 4.4's {@code ConsumerPerformance} (see {@link ConsumerPerfFormat}): subscribes
 * with a group, polls (100 ms at a time) until it has the requested records or no record came for
 * {@code --timeout} ms, and counts key and value bytes.
 *
 * <p>{@code rebalance.time.ms} is the time from {@code subscribe} until the first poll after which
 * the consumer has partitions assigned (FlyMQ's consumer has no rebalance listener, so that poll's
 * own fetch may be inside it; Kafka's tool stops its clock inside the poll, at the assignment).
 */
public final class ConsumerPerformance {
  private ConsumerPerformance() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || Arrays.asList(args).contains("--help")) {
      System.out.println(ConsumerPerfOptions.USAGE);
      return;
    }
    ConsumerPerfOptions options;
    try {
      options = ConsumerPerfOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("flymq-bench consumer: " + e.getMessage());
      System.err.println(ConsumerPerfOptions.USAGE);
      System.exit(1);
      return;
    }
    if (Arrays.asList(args).contains("--print-metrics")) {
      System.err.println("flymq-bench consumer: --print-metrics is not supported; ignored");
    }
    int status = run(options, Clients::consumer, System.out, System::currentTimeMillis);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs the test and prints the lines.
   *
   * @return the exit status: 0, or 1 when the settings were rejected
   */
  static int run(
      ConsumerPerfOptions options,
      Function<Map<String, String>, Consumer<byte[], byte[]>> factory,
      PrintStream out,
      LongSupplier clockMs) {
    ConsumerPerfFormat format = new ConsumerPerfFormat(options.dateFormat());
    if (!options.hideHeader()) {
      out.println(ConsumerPerfFormat.header(options.showDetailedStats()));
    }
    List<String> topics = topics(options);
    Consumer<byte[], byte[]> consumer;
    try {
      consumer = factory.apply(options.consumerProps());
    } catch (IllegalArgumentException e) {
      System.err.println(
          "flymq-bench consumer: the FlyMQ consumer rejected its settings: " + e.getMessage());
      return 1;
    }
    long startMs = clockMs.getAsLong();
    long records = 0;
    long bytes = 0;
    long joinMs = 0;
    long endMs;
    try {
      consumer.subscribe(topics);
      long now = clockMs.getAsLong();
      long lastReportMs = now;
      long lastConsumedMs = now;
      long lastRecords = 0;
      long lastBytes = 0;
      long joinMsThisInterval = 0;
      boolean joined = false;
      while (records < options.numRecords() && now - lastConsumedMs <= options.timeoutMs()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
        now = clockMs.getAsLong();
        if (!joined && !consumer.assignment().isEmpty()) {
          joined = true;
          joinMs = now - startMs;
          joinMsThisInterval = joinMs;
        }
        if (!batch.isEmpty()) {
          lastConsumedMs = now;
        }
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          records++;
          bytes += record.key() == null ? 0 : record.key().length;
          bytes += record.value() == null ? 0 : record.value().length;
          if (now - lastReportMs >= options.reportingIntervalMs()) {
            if (options.showDetailedStats()) {
              out.println(
                  format.progress(
                      bytes,
                      lastBytes,
                      records,
                      lastRecords,
                      lastReportMs,
                      now,
                      joinMsThisInterval));
            }
            joinMsThisInterval = 0;
            lastReportMs = now;
            lastRecords = records;
            lastBytes = bytes;
          }
        }
      }
      if (records < options.numRecords()) {
        out.printf(
            "WARNING: Exiting before consuming the expected number of messages: timeout (%d ms)"
                + " exceeded. You can use the --timeout option to increase the timeout.%n",
            options.timeoutMs());
      }
    } finally {
      endMs = clockMs.getAsLong();
      consumer.close();
    }
    if (!options.showDetailedStats()) {
      out.println(format.summary(startMs, endMs, bytes, records, joinMs));
    }
    return 0;
  }

  private static List<String> topics(ConsumerPerfOptions options) {
    if (options.topic().isPresent()) {
      return List.of(options.topic().get());
    }
    try (FlyMQClient client = FlyMQ.connect(options.bootstrap())) {
      return client.listTopics().stream()
          .filter(t -> options.include().get().matcher(t).matches())
          .sorted()
          .toList();
    }
  }
}
