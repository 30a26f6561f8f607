package io.flymq.bench.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@link ProducerPerformance}: Kafka 4.4's {@code ProducerPerformance} flags.
 *
 * @param topic the topic to send to
 * @param numRecords records to send
 * @param recordSize bytes of each random value, or empty when payloads come from a file or are
 *     monotonic numbers
 * @param payloadFile a UTF-8 file of payloads separated by {@code payloadDelimiter}
 * @param payloadDelimiter the separator of the payload file
 * @param payloadMonotonic whether each payload is its record number in decimal
 * @param throughput records/s to aim at; negative = unthrottled
 * @param warmupRecords records left out of the steady-state summary
 * @param reportingIntervalMs the period of the progress lines
 * @param producerProps the producer's settings, Kafka names, bootstrap.servers included
 */
record ProducerPerfOptions(
    String topic,
    long numRecords,
    Optional<Integer> recordSize,
    Optional<Path> payloadFile,
    String payloadDelimiter,
    boolean payloadMonotonic,
    double throughput,
    long warmupRecords,
    long reportingIntervalMs,
    Map<String, String> producerProps) {

  static final String USAGE =
      """
      usage: flymq-bench producer --bootstrap-server HOST:PORT --topic TOPIC --num-records N
                 (--record-size BYTES | --payload-file FILE [--payload-delimiter D] | --payload-monotonic)
                 --throughput RECORDS_PER_SEC (-1 = unthrottled)
                 [--warmup-records N] [--reporting-interval MS]
                 [--command-property KEY=VALUE ...] [--command-config FILE]
                 [--producer-props KEY=VALUE ...] [--producer.config FILE]
      Sends N records with the FlyMQ producer and prints what Kafka's ProducerPerformance prints:
      a progress line every reporting interval (default 5000 ms) and a summary with the latency
      percentiles; with --warmup-records also a "steady state" summary of the records after them.
      Properties use Kafka's names (acks, linger.ms, batch.size, compression.type,
      max.in.flight.requests.per.connection, ...).""";

  private static final Set<String> FLAGS = Set.of("payload-monotonic", "print-metrics", "help");
  private static final Set<String> SINGLE =
      Set.of(
          "bootstrap-server",
          "topic",
          "num-records",
          "record-size",
          "payload-file",
          "payload-delimiter",
          "throughput",
          "producer.config",
          "command-config",
          "warmup-records",
          "reporting-interval",
          "transactional-id",
          "transaction-duration-ms");
  private static final Set<String> MULTI = Set.of("producer-props", "command-property");

  /**
   * Parses a command line.
   *
   * @throws IllegalArgumentException for a bad or missing option, with what was expected
   * @throws IOException if a config file cannot be read
   */
  static ProducerPerfOptions parse(String[] args) throws IOException {
    CommandLine cl = CommandLine.parse(args, FLAGS, SINGLE, MULTI);
    if (cl.has("transactional-id") || cl.has("transaction-duration-ms")) {
      throw new IllegalArgumentException(
          "--transactional-id/--transaction-duration-ms: FlyMQ producers have no transactions");
    }
    String topic = cl.required("topic");
    long numRecords = CommandLine.parseLong("num-records", cl.required("num-records"));
    if (numRecords <= 0) {
      throw new IllegalArgumentException("--num-records: " + numRecords + " (expected: > 0)");
    }
    int payloadChoices =
        (cl.has("record-size") ? 1 : 0)
            + (cl.has("payload-file") ? 1 : 0)
            + (cl.has("payload-monotonic") ? 1 : 0);
    if (payloadChoices != 1) {
      throw new IllegalArgumentException(
          "exactly one of --record-size, --payload-file or --payload-monotonic is required");
    }
    Optional<Integer> recordSize = Optional.empty();
    if (cl.has("record-size")) {
      long size = CommandLine.parseLong("record-size", cl.required("record-size"));
      if (size <= 0 || size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("--record-size: " + size + " (expected: > 0)");
      }
      recordSize = Optional.of((int) size);
    }
    double throughput = CommandLine.parseDouble("throughput", cl.required("throughput"));
    if (throughput == 0 || Double.isNaN(throughput)) {
      throw new IllegalArgumentException(
          "--throughput: " + cl.required("throughput") + " (expected: > 0, or -1 for unthrottled)");
    }
    long warmup = Math.max(0, cl.longValue("warmup-records", 0));
    if (warmup >= numRecords) {
      throw new IllegalArgumentException(
          "--warmup-records: " + warmup + " (expected: < --num-records " + numRecords + ")");
    }
    long interval = cl.longValue("reporting-interval", 5000);
    if (interval <= 0) {
      throw new IllegalArgumentException("--reporting-interval: " + interval + " (expected: > 0)");
    }
    List<Path> files = new ArrayList<>();
    cl.value("producer.config").map(Path::of).ifPresent(files::add);
    cl.value("command-config").map(Path::of).ifPresent(files::add);
    List<String> pairs = new ArrayList<>(cl.values("producer-props"));
    pairs.addAll(cl.values("command-property"));
    Map<String, String> props = ClientProperties.load(files, pairs);
    cl.value("bootstrap-server").ifPresent(b -> props.put("bootstrap.servers", b));
    if (!props.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException(
          "--bootstrap-server (or bootstrap.servers in --command-property/--command-config) is"
              + " required");
    }
    props.putIfAbsent("client.id", "perf-producer-client");
    String delimiter = cl.value("payload-delimiter").orElse("\\n");
    return new ProducerPerfOptions(
        topic,
        numRecords,
        recordSize,
        cl.value("payload-file").map(Path::of),
        delimiter.equals("\\n") ? "\n" : delimiter,
        cl.has("payload-monotonic"),
        throughput,
        warmup,
        interval,
        props);
  }
}
