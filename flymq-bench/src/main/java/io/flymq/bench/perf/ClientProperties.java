package io.flymq.bench.perf;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The client settings of a perf tool, with Kafka's key names: a properties file ({@code
 * --command-config}, {@code --producer.config}, {@code --consumer.config}) overridden by {@code
 * key=value} pairs ({@code --command-property}, {@code --producer-props}). They go straight into
 * the FlyMQ producer's or consumer's property map, which rejects keys it does not know; the few
 * Kafka keys that mean nothing to FlyMQ (serializer classes, socket buffer sizes, metrics
 * reporters, ...) are dropped first and named on stderr by the caller.
 */
final class ClientProperties {
  /** Kafka keys of every client (metrics, sockets, metadata) with no FlyMQ meaning. */
  private static final Set<String> COMMON_KAFKA_ONLY =
      Set.of(
          "interceptor.classes",
          "metric.reporters",
          "metrics.num.samples",
          "metrics.sample.window.ms",
          "metrics.recording.level",
          "auto.include.jmx.reporter",
          "client.dns.lookup",
          "send.buffer.bytes",
          "receive.buffer.bytes",
          "reconnect.backoff.ms",
          "reconnect.backoff.max.ms",
          "connections.max.idle.ms",
          "metadata.max.age.ms",
          "metadata.recovery.strategy",
          "enable.metrics.push");

  /** Kafka producer keys with no FlyMQ meaning: dropped with a note. */
  static final Set<String> PRODUCER_KAFKA_ONLY =
      with(
          "key.serializer",
          "value.serializer",
          "partitioner.class",
          "partitioner.ignore.keys",
          "partitioner.adaptive.partitioning.enable",
          "partitioner.availability.timeout.ms",
          "metadata.max.idle.ms");

  /** Kafka consumer keys with no FlyMQ meaning: dropped with a note. */
  static final Set<String> CONSUMER_KAFKA_ONLY =
      with(
          "key.deserializer",
          "value.deserializer",
          "check.crcs",
          "partition.assignment.strategy",
          "group.protocol",
          "group.remote.assignor",
          "client.rack",
          "exclude.internal.topics",
          "allow.auto.create.topics");

  private static Set<String> with(String... keys) {
    Set<String> all = new java.util.HashSet<>(COMMON_KAFKA_ONLY);
    all.addAll(List.of(keys));
    return Set.copyOf(all);
  }

  private ClientProperties() {}

  /**
   * The file's properties (if any), then the pairs, later ones winning.
   *
   * @throws IllegalArgumentException for a pair without {@code =} or an empty key
   * @throws IOException if the file cannot be read
   */
  static Map<String, String> load(List<Path> files, List<String> pairs) throws IOException {
    Map<String, String> props = new LinkedHashMap<>();
    for (Path file : files) {
      Properties loaded = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        loaded.load(reader);
      }
      new TreeMap<>(loaded).forEach((k, v) -> props.put(k.toString(), v.toString()));
    }
    props.putAll(pairs(pairs));
    return props;
  }

  /**
   * {@code key=value} pairs as a map, in order.
   *
   * @throws IllegalArgumentException for a pair without {@code =} or an empty key
   */
  static Map<String, String> pairs(List<String> pairs) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("invalid property: " + pair + " (expected: key=value)");
      }
      props.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return props;
  }

  /**
   * Removes the {@code kafkaOnly} keys the client does not know ({@code known}) from {@code props}
   * and returns them, in order.
   */
  static List<String> dropKafkaOnly(
      Map<String, String> props, Set<String> kafkaOnly, Set<String> known) {
    List<String> dropped = new ArrayList<>();
    props
        .keySet()
        .removeIf(
            key -> {
              boolean drop =
                  !known.contains(key) && (kafkaOnly.contains(key) || key.startsWith("sasl."));
              if (drop) {
                dropped.add(key);
              }
              return drop;
            });
    return dropped;
  }

  /** The one-line note about dropped keys, or null when none were. */
  static String droppedNote(String tool, List<String> dropped) {
    if (dropped.isEmpty()) {
      return null;
    }
    return tool
        + ": ignoring Kafka-only setting(s) with no meaning for FlyMQ: "
        + String.join(", ", dropped);
  }
}
