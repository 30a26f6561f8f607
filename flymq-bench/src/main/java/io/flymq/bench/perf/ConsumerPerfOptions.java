package io.flymq.bench.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The command line of {@link ConsumerPerformance}: Kafka 4.4's {@code ConsumerPerformance} flags.
 *
 * @param bootstrap the brokers, {@code host:port[,host:port]}
 * @param topic the topic to consume, or empty when {@code include} names the topics
 * @param include a regular expression of topic names
 * @param numRecords records to consume
 * @param timeoutMs the longest wait between records before giving up
 * @param reportingIntervalMs the period of the detailed progress lines
 * @param showDetailedStats whether to print a line each interval (and no summary)
 * @param hideHeader whether to skip the CSV header
 * @param dateFormat the {@link SimpleDateFormat} pattern of the time columns
 * @param consumerProps the consumer's settings, Kafka names
 */
record ConsumerPerfOptions(
    String bootstrap,
    Optional<String> topic,
    Optional<Pattern> include,
    long numRecords,
    long timeoutMs,
    long reportingIntervalMs,
    boolean showDetailedStats,
    boolean hideHeader,
    String dateFormat,
    Map<String, String> consumerProps) {

  static final String USAGE =
      """
      usage: flymq-bench consumer --bootstrap-server HOST:PORT (--topic TOPIC | --include REGEX)
                 --num-records N [--timeout MS] [--group GROUP] [--from-latest] [--fetch-size BYTES]
                 [--hide-header] [--show-detailed-stats] [--reporting-interval MS]
                 [--date-format PATTERN] [--command-property KEY=VALUE ...] [--command-config FILE]
                 [--consumer.config FILE]
      Consumes N records with the FlyMQ consumer (group GROUP, default perf-consumer-<random>;
      from the earliest offset unless --from-latest) and prints what Kafka's ConsumerPerformance
      prints: the CSV columns start.time, end.time, data.consumed.in.MB, MB.sec,
      data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec,
      fetch.nMsg.sec. --timeout (default 10000) is the longest wait between records.""";

  private static final Set<String> FLAGS =
      Set.of("from-latest", "print-metrics", "show-detailed-stats", "hide-header", "help");
  private static final Set<String> SINGLE =
      Set.of(
          "bootstrap-server",
          "topic",
          "include",
          "group",
          "fetch-size",
          "socket-buffer-size",
          "consumer.config",
          "command-config",
          "timeout",
          "num-records",
          "messages",
          "reporting-interval",
          "date-format");
  private static final Set<String> MULTI = Set.of("command-property");

  /**
   * @throws IllegalArgumentException for a bad or missing option
   * @throws IOException if a config file cannot be read
   */
  static ConsumerPerfOptions parse(String[] args) throws IOException {
    CommandLine cl = CommandLine.parse(args, FLAGS, SINGLE, MULTI);
    String bootstrap = cl.required("bootstrap-server");
    if (cl.has("topic") == cl.has("include")) {
      throw new IllegalArgumentException("exactly one of --topic or --include is required");
    }
    Optional<String> records = cl.value("num-records").or(() -> cl.value("messages"));
    long numRecords =
        CommandLine.parseLong(
            "num-records",
            records.orElseThrow(() -> new IllegalArgumentException("--num-records is required")));
    long interval = cl.longValue("reporting-interval", 5000);
    if (interval <= 0) {
      throw new IllegalArgumentException("--reporting-interval: " + interval + " (expected: > 0)");
    }
    String dateFormat = cl.value("date-format").orElse("yyyy-MM-dd HH:mm:ss:SSS");
    new SimpleDateFormat(dateFormat); // fails here, with the pattern, rather than at the end
    Pattern include = cl.value("include").map(Pattern::compile).orElse(null);

    List<Path> files = new ArrayList<>();
    cl.value("consumer.config").map(Path::of).ifPresent(files::add);
    cl.value("command-config").map(Path::of).ifPresent(files::add);
    Map<String, String> props = ClientProperties.load(files, cl.values("command-property"));
    props.put("bootstrap.servers", bootstrap);
    props.put(
        "group.id",
        cl.value("group").orElse("perf-consumer-" + ThreadLocalRandom.current().nextInt(100_000)));
    // As Kafka's tool: the fetch size always (1 MiB, also both clients' default); the socket
    // buffer (Kafka-only, dropped with a note) only when asked for, so nobody is told about it.
    props.put("max.partition.fetch.bytes", cl.value("fetch-size").orElse("1048576"));
    cl.value("socket-buffer-size").ifPresent(v -> props.put("receive.buffer.bytes", v));
    props.put("auto.offset.reset", cl.has("from-latest") ? "latest" : "earliest");
    props.putIfAbsent("client.id", "perf-consumer-client");
    return new ConsumerPerfOptions(
        bootstrap,
        cl.value("topic"),
        Optional.ofNullable(include),
        numRecords,
        cl.longValue("timeout", 10_000),
        interval,
        cl.has("show-detailed-stats"),
        cl.has("hide-header"),
        dateFormat,
        props);
  }
}
