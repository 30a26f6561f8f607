package io.flymq.bench.broker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@link ProduceLoad}. Sizes accept the suffixes k/KiB and m/MiB (powers of
 * two); durations accept ms, s and m.
 *
 * @param mode what to run
 * @param bootstrap an external broker; empty = start one in this process
 * @param sync {@code storage.sync} of the in-process broker (never, interval, always)
 * @param brokerConfig further config keys of the in-process broker
 * @param topic the topic; empty = a fresh {@code load-<random>} topic
 * @param partitions partitions of the topic created first
 * @param recordSize value bytes of each record
 * @param batchSize batch mode: target size of one RecordBatch, header included
 * @param connections batch mode: TCP connections
 * @param inflight batch mode: requests in flight per connection
 * @param acks batch mode: the PRODUCE_BATCH acks field
 * @param numRecords records to send (v1 modes: round trips); 0 = use {@code duration}
 * @param duration how long to send when {@code numRecords} is 0
 * @param warmupRecords records (round trips) sent first and not measured
 * @param reportInterval period of the progress lines
 */
public record LoadOptions(
    Mode mode,
    Optional<InetSocketAddress> bootstrap,
    String sync,
    Map<String, String> brokerConfig,
    Optional<String> topic,
    int partitions,
    int recordSize,
    int batchSize,
    int connections,
    int inflight,
    short acks,
    long numRecords,
    Duration duration,
    long warmupRecords,
    Duration reportInterval) {

  /** The load to run. */
  public enum Mode {
    /** v2 PRODUCE_BATCH, pipelined. */
    BATCH,
    /** v1 PRODUCE, one message per synchronous round trip. */
    V1_SYNC,
    /** The v1-sync loop against a bare Netty server answering v1 PRODUCE-sized frames. */
    ECHO,
    /** ECHO then V1_SYNC in one process, with the ratio. */
    V1_VS_ECHO;

    static Mode parse(String text) {
      return Mode.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  public static final String USAGE =
      """
      usage: bin/flymq-load [options]
        --mode batch|v1-sync|echo|v1-vs-echo   default batch
        --bootstrap host:port      use this broker instead of starting one in-process
        --sync never|interval|always   storage.sync of the in-process broker (default interval)
        --broker-config key=value  another config key of the in-process broker (repeatable)
        --topic name               default: a fresh topic load-<random>, created first
        --partitions n             default 1
        --record-size bytes        value bytes per record, default 100
        --batch-size bytes         batch mode: RecordBatch size, default 16KiB
        --connections n            batch mode: connections, default 1
        --inflight n               batch mode: requests in flight per connection, default 4
        --acks -1|0|1              batch mode: PRODUCE_BATCH acks, default 1
        --num-records n            records (v1: round trips) to send; default: run for --duration
        --duration 10s             default 10s (ignored when --num-records is set)
        --warmup-records n         sent first, not measured; default 0 (batch), 5000 (v1 modes)
        --report-interval 1s       progress line period
      """;

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a message for the user on a bad or unknown argument
   */
  public static LoadOptions parse(String... args) {
    Mode mode = Mode.BATCH;
    Optional<InetSocketAddress> bootstrap = Optional.empty();
    String sync = "interval";
    Map<String, String> brokerConfig = new LinkedHashMap<>();
    Optional<String> topic = Optional.empty();
    int partitions = 1;
    int recordSize = 100;
    int batchSize = 16 * 1024;
    int connections = 1;
    int inflight = 4;
    short acks = 1;
    long numRecords = 0;
    Duration duration = Duration.ofSeconds(10);
    long warmup = -1;
    Duration report = Duration.ofSeconds(1);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag + "\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--mode" -> mode = Mode.parse(value);
        case "--bootstrap" -> bootstrap = Optional.of(address(value));
        case "--sync" -> sync = value;
        case "--broker-config" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException(
                "--broker-config: " + value + " (expected: key=value)");
          }
          brokerConfig.put(value.substring(0, eq), value.substring(eq + 1));
        }
        case "--topic" -> topic = Optional.of(value);
        case "--partitions" -> partitions = positive(flag, size(value));
        case "--record-size" -> recordSize = (int) size(value);
        case "--batch-size" -> batchSize = positive(flag, size(value));
        case "--connections" -> connections = positive(flag, size(value));
        case "--inflight" -> inflight = positive(flag, size(value));
        case "--acks" -> acks = Short.parseShort(value);
        case "--num-records" -> numRecords = size(value);
        case "--duration" -> duration = duration(value);
        case "--warmup-records" -> warmup = size(value);
        case "--report-interval" -> report = duration(value);
        default -> throw new IllegalArgumentException("unknown option: " + flag + "\n" + USAGE);
      }
    }
    if (warmup < 0) {
      warmup = mode == Mode.BATCH ? 0 : 5000;
    }
    return new LoadOptions(
        mode,
        bootstrap,
        sync,
        brokerConfig,
        topic,
        partitions,
        recordSize,
        batchSize,
        connections,
        inflight,
        acks,
        numRecords,
        duration,
        warmup,
        report);
  }

  private static int positive(String flag, long value) {
    if (value <= 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          flag + ": " + value + " (expected: 1.." + Integer.MAX_VALUE + ")");
    }
    return (int) value;
  }

  static long size(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
    long unit = 1;
    if (t.endsWith("kib") || t.endsWith("k")) {
      unit = 1024;
      t = t.substring(0, t.length() - (t.endsWith("kib") ? 3 : 1));
    } else if (t.endsWith("mib") || t.endsWith("m")) {
      unit = 1024 * 1024;
      t = t.substring(0, t.length() - (t.endsWith("mib") ? 3 : 1));
    }
    long value = Long.parseLong(t) * unit;
    if (value < 0) {
      throw new IllegalArgumentException("negative size: " + text);
    }
    return value;
  }

  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(t));
  }

  private static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--bootstrap: " + text + " (expected: host:port)");
    }
    return new InetSocketAddress(
        text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
  }
}
