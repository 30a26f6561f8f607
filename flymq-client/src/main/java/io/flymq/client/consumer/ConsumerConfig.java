package io.flymq.client.consumer;

import io.flymq.client.ClientConfig;
import io.flymq.client.internal.SettingParser;
import io.flymq.protocol.message.batch.IsolationLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of a {@link FlyMQConsumer}: a {@link ClientConfig} (connection, retries, TLS) plus
 * the consumer's own keys, named as Kafka names them so that existing property files carry over.
 *
 * <pre>{@code
 * ConsumerConfig config =
 *     ConsumerConfig.builder()
 *         .bootstrapServers("localhost:9092")
 *         .groupId("billing")
 *         .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The consumer fetches with FETCH_BATCHES, an operation of protocol
 * v2, so {@code protocol.version} must stay 2.
 */
public final class ConsumerConfig {
  /** {@code group.id}: the consumer group whose committed offsets are read and written; none. */
  public static final String GROUP_ID = "group.id";

  /**
   * {@code auto.offset.reset}: where to start without a committed offset or after an out-of-range
   * position: {@code earliest} (log start), {@code latest} (log end, the default) or {@code none}
   * ({@code poll} throws {@link io.flymq.client.errors.OffsetOutOfRangeException}).
   */
  public static final String AUTO_OFFSET_RESET = "auto.offset.reset";

  /**
   * {@code enable.auto.commit}: commit the positions of returned records periodically from {@code
   * poll} and at close; default true when {@code group.id} is set, else false.
   */
  public static final String ENABLE_AUTO_COMMIT = "enable.auto.commit";

  /** {@code auto.commit.interval.ms}: time between auto-commits; default 5,000, at least 1. */
  public static final String AUTO_COMMIT_INTERVAL_MS = "auto.commit.interval.ms";

  /** {@code fetch.min.bytes}: record bytes a fetch waits for; default 1, at least 0. */
  public static final String FETCH_MIN_BYTES = "fetch.min.bytes";

  /**
   * {@code fetch.max.wait.ms}: the longest a fetch waits for {@code fetch.min.bytes}; default 500,
   * in [0, 300,000] (the broker's cap).
   */
  public static final String FETCH_MAX_WAIT_MS = "fetch.max.wait.ms";

  /**
   * {@code fetch.max.bytes}: record bytes one fetch may return (the broker also caps a response at
   * 32 MiB); default 52,428,800, at least 1.
   */
  public static final String FETCH_MAX_BYTES = "fetch.max.bytes";

  /**
   * {@code max.partition.fetch.bytes}: record bytes one fetch may return per partition, and the
   * most the consumer buffers per partition before it stops fetching it; default 1,048,576, at
   * least 1. A larger first batch is still returned whole.
   */
  public static final String MAX_PARTITION_FETCH_BYTES = "max.partition.fetch.bytes";

  /** {@code max.poll.records}: the most records one {@code poll} returns; default 500, >= 1. */
  public static final String MAX_POLL_RECORDS = "max.poll.records";

  /**
   * {@code isolation.level}: {@code read_uncommitted} (default: up to the high watermark) or {@code
   * read_committed} (up to the last stable offset).
   */
  public static final String ISOLATION_LEVEL = "isolation.level";

  /**
   * {@code group.instance.id}: a stable identity for static membership; a member that rejoins with
   * it within {@code session.timeout.ms} keeps its partitions without a rebalance, and {@code
   * close} does not leave the group. Needs {@code group.id}; none (dynamic membership).
   */
  public static final String GROUP_INSTANCE_ID = "group.instance.id";

  /**
   * {@code session.timeout.ms}: how long the group coordinator waits for a heartbeat before it
   * removes the member and moves its partitions; default 10,000, at least 1.
   */
  public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";

  /**
   * {@code heartbeat.interval.ms}: time between heartbeats; default what JOIN_GROUP answers (a
   * third of the session timeout); must be below {@code session.timeout.ms}.
   */
  public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";

  /**
   * {@code max.poll.interval.ms}: the longest time between two {@code poll} calls of a group
   * member; past it the consumer leaves the group (reason {@code poll timeout}) and rejoins on the
   * next poll; default 300,000, at least 1.
   */
  public static final String MAX_POLL_INTERVAL_MS = "max.poll.interval.ms";

  /**
   * {@code partition.assignment.strategy}: how the coordinator splits partitions, {@code range},
   * {@code roundrobin} or {@code sticky} (default); Kafka's assignor class names are accepted.
   */
  public static final String PARTITION_ASSIGNMENT_STRATEGY = "partition.assignment.strategy";

  /** The consumer's own keys (the {@link ClientConfig#KEYS} are accepted as well). */
  public static final Set<String> KEYS =
      Set.of(
          GROUP_ID,
          GROUP_INSTANCE_ID,
          SESSION_TIMEOUT_MS,
          HEARTBEAT_INTERVAL_MS,
          MAX_POLL_INTERVAL_MS,
          PARTITION_ASSIGNMENT_STRATEGY,
          AUTO_OFFSET_RESET,
          ENABLE_AUTO_COMMIT,
          AUTO_COMMIT_INTERVAL_MS,
          FETCH_MIN_BYTES,
          FETCH_MAX_WAIT_MS,
          FETCH_MAX_BYTES,
          MAX_PARTITION_FETCH_BYTES,
          MAX_POLL_RECORDS,
          ISOLATION_LEVEL);

  /** The broker answers a long poll after at most this long (docs/protocol.md 2.6). */
  static final int MAX_FETCH_WAIT_MS = 300_000;

  /** Where a partition without a usable position starts. */
  public enum AutoOffsetReset {
    /** At the log start: every retained record is read. */
    EARLIEST,
    /** At the log end: only records produced from now on are read. */
    LATEST,
    /** Nowhere: {@code poll} throws {@link io.flymq.client.errors.OffsetOutOfRangeException}. */
    NONE;

    /** The config value: {@code earliest}, {@code latest} or {@code none}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final ClientConfig client;
  private final String groupId;
  private final String groupInstanceId;
  private final Duration sessionTimeout;
  private final Duration heartbeatInterval;
  private final Duration maxPollInterval;
  private final AssignmentStrategy assignmentStrategy;
  private final AutoOffsetReset autoOffsetReset;
  private final boolean enableAutoCommit;
  private final Duration autoCommitInterval;
  private final int fetchMinBytes;
  private final Duration fetchMaxWait;
  private final int fetchMaxBytes;
  private final int maxPartitionFetchBytes;
  private final int maxPollRecords;
  private final IsolationLevel isolationLevel;

  private ConsumerConfig(Builder b, ClientConfig client) {
    this.client = client;
    this.groupId = b.groupId;
    this.groupInstanceId = b.groupInstanceId;
    this.sessionTimeout = b.sessionTimeout;
    this.heartbeatInterval = b.heartbeatInterval;
    this.maxPollInterval = b.maxPollInterval;
    this.assignmentStrategy = b.assignmentStrategy;
    this.autoOffsetReset = b.autoOffsetReset;
    this.enableAutoCommit = b.enableAutoCommit != null ? b.enableAutoCommit : b.groupId != null;
    this.autoCommitInterval = b.autoCommitInterval;
    this.fetchMinBytes = b.fetchMinBytes;
    this.fetchMaxWait = b.fetchMaxWait;
    this.fetchMaxBytes = b.fetchMaxBytes;
    this.maxPartitionFetchBytes = b.maxPartitionFetchBytes;
    this.maxPollRecords = b.maxPollRecords;
    this.isolationLevel = b.isolationLevel;
  }

  /** A builder with the defaults; only {@code bootstrap.servers} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A config from string settings, as in a properties file: client keys ({@link ClientConfig#KEYS})
   * and consumer keys ({@link #KEYS}).
   *
   * @throws IllegalArgumentException listing every unknown key (with the closest known one) and
   *     every invalid value
   */
  public static ConsumerConfig fromProperties(Map<String, String> properties) {
    Builder builder = builder();
    properties.forEach(builder::set);
    return builder.build();
  }

  /** The connection settings. */
  public ClientConfig clientConfig() {
    return client;
  }

  /** The consumer group, or empty when none is set (then nothing can be committed). */
  public Optional<String> groupId() {
    return Optional.ofNullable(groupId);
  }

  /** The static membership identity, or empty for dynamic membership. */
  public Optional<String> groupInstanceId() {
    return Optional.ofNullable(groupInstanceId);
  }

  /** How long the coordinator waits for a heartbeat before it removes the member. */
  public Duration sessionTimeout() {
    return sessionTimeout;
  }

  /** The time between heartbeats, or empty to use the interval JOIN_GROUP answers. */
  public Optional<Duration> heartbeatInterval() {
    return Optional.ofNullable(heartbeatInterval);
  }

  /** The longest time between two polls before the member leaves its group. */
  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  /** How the coordinator splits partitions (asked for when the first member joins). */
  public AssignmentStrategy assignmentStrategy() {
    return assignmentStrategy;
  }

  /** Where partitions without a usable position start. */
  public AutoOffsetReset autoOffsetReset() {
    return autoOffsetReset;
  }

  /** Whether {@code poll} and {@code close} commit positions periodically. */
  public boolean enableAutoCommit() {
    return enableAutoCommit;
  }

  /** The time between auto-commits. */
  public Duration autoCommitInterval() {
    return autoCommitInterval;
  }

  /** The record bytes a fetch waits for. */
  public int fetchMinBytes() {
    return fetchMinBytes;
  }

  /** The longest a fetch waits for {@link #fetchMinBytes()}. */
  public Duration fetchMaxWait() {
    return fetchMaxWait;
  }

  /** The record bytes one fetch may return in total. */
  public int fetchMaxBytes() {
    return fetchMaxBytes;
  }

  /** The record bytes one fetch may return, and the consumer buffers, per partition. */
  public int maxPartitionFetchBytes() {
    return maxPartitionFetchBytes;
  }

  /** The most records one {@code poll} returns. */
  public int maxPollRecords() {
    return maxPollRecords;
  }

  /** Which records fetches may see. */
  public IsolationLevel isolationLevel() {
    return isolationLevel;
  }

  /**
   * Builds a {@link ConsumerConfig}. Setters only record values; {@link #build()} checks them all
   * and reports every mistake at once. Not thread-safe.
   */
  public static final class Builder {
    private ClientConfig.Builder client = ClientConfig.builder();
    private final SettingParser parser = new SettingParser();
    private final ConsumerSettings settings = new ConsumerSettings(parser);
    private String groupId;
    private String groupInstanceId;
    private Duration sessionTimeout = Duration.ofSeconds(10);
    private Duration heartbeatInterval;
    private Duration maxPollInterval = Duration.ofMinutes(5);
    private AssignmentStrategy assignmentStrategy = AssignmentStrategy.STICKY;
    private AutoOffsetReset autoOffsetReset = AutoOffsetReset.LATEST;
    private Boolean enableAutoCommit;
    private Duration autoCommitInterval = Duration.ofSeconds(5);
    private int fetchMinBytes = 1;
    private Duration fetchMaxWait = Duration.ofMillis(500);
    private int fetchMaxBytes = 52_428_800;
    private int maxPartitionFetchBytes = 1_048_576;
    private int maxPollRecords = 500;
    private IsolationLevel isolationLevel = IsolationLevel.READ_UNCOMMITTED;

    private Builder() {}

    /** Uses these connection settings (later client keys given to {@link #set} change them). */
    public Builder client(ClientConfig config) {
      this.client = config.toBuilder();
      return this;
    }

    /** Comma-separated {@code host:port} list; shorthand for the client setting. */
    public Builder bootstrapServers(String servers) {
      client.bootstrapServers(servers);
      return this;
    }

    /** {@code group.id}: the consumer group; null for none. */
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /** {@code group.instance.id}: static membership identity; null for dynamic membership. */
    public Builder groupInstanceId(String instanceId) {
      this.groupInstanceId = instanceId;
      return this;
    }

    /** {@code session.timeout.ms}: how long without heartbeats before removal, {@code >= 1} ms. */
    public Builder sessionTimeout(Duration timeout) {
      this.sessionTimeout = timeout;
      return this;
    }

    /** {@code heartbeat.interval.ms}: below the session timeout; null for JOIN_GROUP's answer. */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = interval;
      return this;
    }

    /** {@code max.poll.interval.ms}: the longest time between polls of a member, {@code >= 1}. */
    public Builder maxPollInterval(Duration interval) {
      this.maxPollInterval = interval;
      return this;
    }

    /** {@code partition.assignment.strategy}: how the coordinator splits partitions. */
    public Builder assignmentStrategy(AssignmentStrategy strategy) {
      this.assignmentStrategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** {@code auto.offset.reset}: where partitions without a usable position start. */
    public Builder autoOffsetReset(AutoOffsetReset reset) {
      this.autoOffsetReset = Objects.requireNonNull(reset, "reset");
      return this;
    }

    /** {@code enable.auto.commit}; overrides the default (true exactly when a group is set). */
    public Builder enableAutoCommit(boolean enable) {
      this.enableAutoCommit = enable;
      return this;
    }

    /** {@code auto.commit.interval.ms}: the time between auto-commits, at least 1 ms. */
    public Builder autoCommitInterval(Duration interval) {
      this.autoCommitInterval = interval;
      return this;
    }

    /** {@code fetch.min.bytes}: record bytes a fetch waits for, {@code >= 0}. */
    public Builder fetchMinBytes(int bytes) {
      this.fetchMinBytes = bytes;
      return this;
    }

    /** {@code fetch.max.wait.ms}: the longest wait of a fetch, 0 to 300 s. */
    public Builder fetchMaxWait(Duration wait) {
      this.fetchMaxWait = wait;
      return this;
    }

    /** {@code fetch.max.bytes}: record bytes one fetch may return, {@code >= 1}. */
    public Builder fetchMaxBytes(int bytes) {
      this.fetchMaxBytes = bytes;
      return this;
    }

    /** {@code max.partition.fetch.bytes}: per-partition fetch and buffer limit, {@code >= 1}. */
    public Builder maxPartitionFetchBytes(int bytes) {
      this.maxPartitionFetchBytes = bytes;
      return this;
    }

    /** {@code max.poll.records}: the most records one poll returns, {@code >= 1}. */
    public Builder maxPollRecords(int records) {
      this.maxPollRecords = records;
      return this;
    }

    /** {@code isolation.level}: which records fetches may see. */
    public Builder isolationLevel(IsolationLevel level) {
      this.isolationLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Sets a client or consumer setting by its key, the value as a properties file gives it.
     * Mistakes, unknown keys included, are reported by {@link #build()}.
     *
     * @return this
     */
    public Builder set(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value of " + key);
      if (!client.set(key, value) && !settings.apply(this, key, value)) {
        client.unknown(key, KEYS);
      }
      return this;
    }

    /**
     * Fills the defaults and checks every setting.
     *
     * @throws IllegalArgumentException listing every problem of the client and consumer settings:
     *     unknown keys (with the closest known key), values out of range, auto-commit without a
     *     group, a protocol version other than 2
     */
    public ConsumerConfig build() {
      List<String> problems = new ArrayList<>();
      ClientConfig built = null;
      try {
        built = client.build();
        if (built.protocolVersion() != 2) {
          parser.error(
              ClientConfig.PROTOCOL_VERSION,
              String.valueOf(built.protocolVersion()),
              "2; the consumer fetches with FETCH_BATCHES, a protocol v2 operation");
        }
      } catch (IllegalArgumentException e) {
        problems.addAll(problemsOf(e));
      }
      checkOwnSettings();
      try {
        parser.throwIfAny("consumer configuration");
      } catch (IllegalArgumentException e) {
        problems.addAll(problemsOf(e));
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid consumer configuration ("
                + problems.size()
                + " problem(s)):\n  "
                + String.join("\n  ", problems));
      }
      return new ConsumerConfig(this, built);
    }

    private void checkOwnSettings() {
      if (groupId != null && groupId.isBlank()) {
        parser.error(GROUP_ID, "\"" + groupId + "\"", "a non-blank group id, or no setting");
      }
      if (Boolean.TRUE.equals(enableAutoCommit) && (groupId == null || groupId.isBlank())) {
        parser.error(ENABLE_AUTO_COMMIT, "true", "false without group.id; or set group.id");
      }
      checkMembershipSettings();
      range(AUTO_COMMIT_INTERVAL_MS, autoCommitInterval, 1, Integer.MAX_VALUE);
      range(FETCH_MAX_WAIT_MS, fetchMaxWait, 0, MAX_FETCH_WAIT_MS);
      atLeast(FETCH_MIN_BYTES, fetchMinBytes, 0);
      atLeast(FETCH_MAX_BYTES, fetchMaxBytes, 1);
      atLeast(MAX_PARTITION_FETCH_BYTES, maxPartitionFetchBytes, 1);
      atLeast(MAX_POLL_RECORDS, maxPollRecords, 1);
    }

    private void checkMembershipSettings() {
      if (groupInstanceId != null && (groupInstanceId.isBlank() || groupId == null)) {
        parser.error(
            GROUP_INSTANCE_ID,
            "\"" + groupInstanceId + "\"",
            "a non-blank id together with group.id; or no setting");
      }
      range(SESSION_TIMEOUT_MS, sessionTimeout, 1, Integer.MAX_VALUE);
      range(MAX_POLL_INTERVAL_MS, maxPollInterval, 1, Integer.MAX_VALUE);
      if (heartbeatInterval != null
          && sessionTimeout != null
          && heartbeatInterval.compareTo(sessionTimeout) >= 0) {
        parser.error(
            HEARTBEAT_INTERVAL_MS,
            String.valueOf(heartbeatInterval.toMillis()),
            "less than session.timeout.ms (" + sessionTimeout.toMillis() + "), e.g. a third");
      }
    }

    private void range(String key, Duration value, long minMs, long maxMs) {
      if (value == null || value.toMillis() < minMs || value.toMillis() > maxMs) {
        parser.error(
            key,
            value == null ? "null" : String.valueOf(value.toMillis()),
            "a duration in [" + minMs + ", " + maxMs + "] ms");
      }
    }

    private void atLeast(String key, int value, int min) {
      if (value < min) {
        parser.error(key, String.valueOf(value), ">= " + min);
      }
    }

    /** The problem lines of a {@link SettingParser#throwIfAny} message (one per line). */
    private static List<String> problemsOf(IllegalArgumentException e) {
      String[] lines = String.valueOf(e.getMessage()).split("\n  ");
      return lines.length > 1 ? List.of(lines).subList(1, lines.length) : List.of(lines);
    }
  }
}
