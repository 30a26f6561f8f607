package io.flymq.server.config;

import static io.flymq.server.config.ConfigKeys.*;
import static java.util.Objects.requireNonNull;

import io.flymq.storage.crypto.EncryptionKey;
import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.SyncMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's whole configuration: one typed, immutable record tree (DESIGN 9) with a nested
 * record per section of the keys in {@link ConfigKeys}. Load it with {@link
 * ConfigLoader#load(ServerFlags, java.util.Map)}, or build one in code with {@link #builder()};
 * {@link #defaults()} is the configuration with no file, environment or flags.
 *
 * <p>Invariants: every field is non-null and within its key's range (checked by the compact
 * constructors, which report every bad value at once). Quantities carry their unit in the name, as
 * the keys do. Secrets ({@code auth.admin_password}, the encryption key) never appear in {@link
 * #toString()}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param bindAddr {@code bind_addr}
 * @param dataDir {@code data_dir}
 * @param logLevel {@code log_level}
 * @param logJson {@code log_json}
 * @param defaultPartitions {@code default_partitions}
 * @param retentionBytes {@code retention_bytes}; 0 or -1: no limit
 * @param retentionMs {@code retention_ms}; 0 or -1: no limit
 * @param segmentBytes {@code segment_bytes}
 * @param autoCreateTopics {@code auto_create_topics}
 * @param maxFrameBytes {@code max_frame_bytes}
 * @param maxInflightRequestsPerConnection {@code max_inflight_requests_per_connection}
 */
public record ServerConfig(
    ListenAddress bindAddr,
    Path dataDir,
    LogLevel logLevel,
    boolean logJson,
    int defaultPartitions,
    long retentionBytes,
    long retentionMs,
    int segmentBytes,
    boolean autoCreateTopics,
    int maxFrameBytes,
    int maxInflightRequestsPerConnection,
    Tls tls,
    Encryption encryption,
    Auth auth,
    Listener grpc,
    Listener ws,
    Listener mqtt,
    Audit audit,
    Cluster cluster,
    Partition partition,
    Discovery discovery,
    Schema schema,
    Dlq dlq,
    Ttl ttl,
    Delayed delayed,
    Transaction transaction,
    Observability observability,
    Performance performance,
    Protocol protocol,
    Storage storage) {

  public ServerConfig {
    nonNull(
        bindAddr,
        dataDir,
        logLevel,
        tls,
        encryption,
        auth,
        grpc,
        ws,
        mqtt,
        audit,
        cluster,
        partition,
        discovery,
        schema,
        dlq,
        ttl,
        delayed,
        transaction,
        observability,
        performance,
        protocol,
        storage);
    new Problems()
        .check(DEFAULT_PARTITIONS, defaultPartitions)
        .check(RETENTION_BYTES, retentionBytes)
        .check(RETENTION_MS, retentionMs)
        .check(SEGMENT_BYTES, segmentBytes)
        .check(MAX_FRAME_BYTES, maxFrameBytes)
        .check(MAX_INFLIGHT_REQUESTS_PER_CONNECTION, maxInflightRequestsPerConnection)
        .throwIfAny();
  }

  /** The configuration with every key at its default (no encryption key). */
  public static ServerConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults, for embedding and tests. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * "json" or "text": the log layout {@code log_json} selects (see logback.xml's flymq.log.format).
   */
  public String logFormat() {
    return logJson ? "json" : "text";
  }

  /**
   * The storage settings of a partition log: segment size, retention (0 read as -1, "no limit") and
   * the effective sync mode; the other settings keep {@link LogConfig}'s defaults.
   */
  public LogConfig logConfig() {
    return LogConfig.builder()
        .segmentBytes(segmentBytes)
        .retentionMs(retentionMs == 0 ? -1 : retentionMs)
        .retentionBytes(retentionBytes == 0 ? -1 : retentionBytes)
        .syncMode(storage.sync())
        .syncIntervalMs(performance.syncIntervalMs())
        .build();
  }

  /** Binds resolved values into the tree; derived defaults are filled here. */
  static ServerConfig from(ConfigValues v) {
    Path dataDir = v.get(DATA_DIR);
    return new ServerConfig(
        v.get(BIND_ADDR),
        dataDir,
        v.get(LOG_LEVEL),
        v.get(LOG_JSON),
        v.get(DEFAULT_PARTITIONS),
        v.get(RETENTION_BYTES),
        v.get(RETENTION_MS),
        v.get(SEGMENT_BYTES),
        v.get(AUTO_CREATE_TOPICS),
        v.get(MAX_FRAME_BYTES),
        v.get(MAX_INFLIGHT_REQUESTS_PER_CONNECTION),
        new Tls(
            v.get(TLS_ENABLED),
            v.get(TLS_CERT_FILE),
            v.get(TLS_KEY_FILE),
            v.get(TLS_CA_FILE),
            v.get(TLS_CLIENT_AUTH)),
        new Encryption(v.get(ENCRYPTION_ENABLED), Optional.empty()),
        new Auth(
            v.get(AUTH_ENABLED),
            v.get(AUTH_RBAC_ENABLED),
            v.get(AUTH_ALLOW_ANONYMOUS),
            v.get(AUTH_DEFAULT_PUBLIC),
            v.get(AUTH_USER_FILE),
            v.get(AUTH_ACL_FILE),
            v.get(AUTH_ADMIN_USERNAME),
            v.get(AUTH_ADMIN_PASSWORD)),
        new Listener(
            v.get(GRPC_ENABLED),
            v.get(GRPC_ADDR),
            new ListenerTls(
                v.get(GRPC_TLS_ENABLED),
                v.get(GRPC_TLS_CERT_FILE),
                v.get(GRPC_TLS_KEY_FILE),
                v.get(GRPC_TLS_CA_FILE))),
        new Listener(
            v.get(WS_ENABLED),
            v.get(WS_ADDR),
            new ListenerTls(
                v.get(WS_TLS_ENABLED),
                v.get(WS_TLS_CERT_FILE),
                v.get(WS_TLS_KEY_FILE),
                v.get(WS_TLS_CA_FILE))),
        new Listener(
            v.get(MQTT_ENABLED),
            v.get(MQTT_ADDR),
            new ListenerTls(
                v.get(MQTT_TLS_ENABLED),
                v.get(MQTT_TLS_CERT_FILE),
                v.get(MQTT_TLS_KEY_FILE),
                v.get(MQTT_TLS_CA_FILE))),
        new Audit(
            v.get(AUDIT_ENABLED),
            v.get(AUDIT_LOG_DIR).orElse(dataDir.resolve("audit")),
            v.get(AUDIT_MAX_FILE_SIZE),
            v.get(AUDIT_RETENTION_DAYS)),
        new Cluster(
            v.get(CLUSTER_ENABLED),
            v.get(CLUSTER_NODE_ID),
            v.get(CLUSTER_ADDR),
            v.get(CLUSTER_ADVERTISE_CLUSTER),
            v.get(CLUSTER_PEERS),
            v.get(CLUSTER_ELECTION_TIMEOUT_MS),
            v.get(CLUSTER_HEARTBEAT_INTERVAL_MS)),
        new Partition(
            v.get(PARTITION_DISTRIBUTION_STRATEGY),
            v.get(PARTITION_DEFAULT_REPLICATION_FACTOR),
            v.get(PARTITION_DEFAULT_PARTITIONS),
            v.get(PARTITION_AUTO_REBALANCE_ENABLED),
            v.get(PARTITION_AUTO_REBALANCE_INTERVAL),
            v.get(PARTITION_REBALANCE_THRESHOLD)),
        new Discovery(v.get(DISCOVERY_ENABLED), v.get(DISCOVERY_CLUSTER_ID)),
        new Schema(v.get(SCHEMA_ENABLED), v.get(SCHEMA_COMPATIBILITY), v.get(SCHEMA_STORAGE_PATH)),
        new Dlq(v.get(DLQ_ENABLED), v.get(DLQ_MAX_RETRIES), v.get(DLQ_RETENTION_MS)),
        new Ttl(v.get(TTL_ENABLED), v.get(TTL_CHECK_INTERVAL_MS)),
        new Delayed(v.get(DELAYED_ENABLED), v.get(DELAYED_MAX_DELAY_MS)),
        new Transaction(
            v.get(TRANSACTION_ENABLED), v.get(TRANSACTION_TIMEOUT_MS), v.get(TRANSACTION_MAX_SIZE)),
        new Observability(
            new Metrics(
                v.get(OBSERVABILITY_METRICS_ENABLED),
                v.get(OBSERVABILITY_METRICS_ADDR),
                v.get(OBSERVABILITY_METRICS_PATH)),
            new Tracing(
                v.get(OBSERVABILITY_TRACING_ENABLED),
                v.get(OBSERVABILITY_TRACING_ENDPOINT),
                v.get(OBSERVABILITY_TRACING_SAMPLE_RATE)),
            new Health(
                v.get(OBSERVABILITY_HEALTH_ENABLED),
                v.get(OBSERVABILITY_HEALTH_ADDR),
                v.get(OBSERVABILITY_HEALTH_TLS_ENABLED),
                v.get(OBSERVABILITY_HEALTH_TLS_CERT_FILE),
                v.get(OBSERVABILITY_HEALTH_TLS_KEY_FILE),
                v.get(OBSERVABILITY_HEALTH_TLS_AUTO_GENERATE),
                v.get(OBSERVABILITY_HEALTH_TLS_USE_ADMIN_CERT)),
            new Admin(
                v.get(OBSERVABILITY_ADMIN_ENABLED),
                v.get(OBSERVABILITY_ADMIN_ADDR),
                v.get(OBSERVABILITY_ADMIN_TLS_ENABLED),
                v.get(OBSERVABILITY_ADMIN_TLS_CERT_FILE),
                v.get(OBSERVABILITY_ADMIN_TLS_KEY_FILE),
                v.get(OBSERVABILITY_ADMIN_TLS_AUTO_GENERATE))),
        new Performance(
            v.get(PERFORMANCE_ACKS),
            v.get(PERFORMANCE_SYNC_INTERVAL_MS),
            v.get(PERFORMANCE_SYNC_BATCH_SIZE),
            v.get(PERFORMANCE_WRITE_BUFFER_SIZE)),
        new Protocol(v.get(PROTOCOL_V1_DIALECT), v.get(PROTOCOL_V1_SUBSCRIBE_PREFERS_COMMIT)),
        // An explicit storage.sync wins: an operator who names the sync mode means it, whatever
        // acks says.
        new Storage(
            v.isSet(STORAGE_SYNC)
                ? v.get(STORAGE_SYNC)
                : v.get(PERFORMANCE_ACKS).impliedSyncMode()));
  }

  /**
   * A copy with encryption settled by {@link ConfigLoader}: the key comes from the environment
   * only.
   */
  ServerConfig withEncryption(boolean enabled, Optional<EncryptionKey> key) {
    return new ServerConfig(
        bindAddr,
        dataDir,
        logLevel,
        logJson,
        defaultPartitions,
        retentionBytes,
        retentionMs,
        segmentBytes,
        autoCreateTopics,
        maxFrameBytes,
        maxInflightRequestsPerConnection,
        tls,
        new Encryption(enabled, key),
        auth,
        grpc,
        ws,
        mqtt,
        audit,
        cluster,
        partition,
        discovery,
        schema,
        dlq,
        ttl,
        delayed,
        transaction,
        observability,
        performance,
        protocol,
        storage);
  }

  private static void nonNull(Object... values) {
    for (Object value : values) {
      requireNonNull(value, "a ServerConfig section is null");
    }
  }

  /** {@code tls.*}: TLS of the client listener. */
  public record Tls(
      boolean enabled,
      Optional<Path> certFile,
      Optional<Path> keyFile,
      Optional<Path> caFile,
      boolean clientAuth) {
    public Tls {
      nonNull(certFile, keyFile, caFile);
    }
  }

  /**
   * {@code encryption.*}: encryption at rest.
   *
   * @param key from {@code FLYMQ_ENCRYPTION_KEY} only; present when encryption is enabled
   */
  public record Encryption(boolean enabled, Optional<EncryptionKey> key) {
    public Encryption {
      requireNonNull(key, "key");
    }
  }

  /** {@code auth.*}; {@link #toString()} masks the admin password. */
  public record Auth(
      boolean enabled,
      boolean rbacEnabled,
      boolean allowAnonymous,
      boolean defaultPublic,
      Optional<Path> userFile,
      Optional<Path> aclFile,
      String adminUsername,
      String adminPassword) {
    public Auth {
      nonNull(userFile, aclFile, adminUsername, adminPassword);
    }

    @Override
    public String toString() {
      return "Auth[enabled="
          + enabled
          + ", rbacEnabled="
          + rbacEnabled
          + ", allowAnonymous="
          + allowAnonymous
          + ", defaultPublic="
          + defaultPublic
          + ", userFile="
          + userFile
          + ", aclFile="
          + aclFile
          + ", adminUsername="
          + adminUsername
          + ", adminPassword="
          + (adminPassword.isEmpty() ? "" : "****")
          + "]";
    }
  }

  /** {@code grpc.*}, {@code ws.*} or {@code mqtt.*}: an optional extra listener. */
  public record Listener(boolean enabled, ListenAddress addr, ListenerTls tls) {
    public Listener {
      nonNull(addr, tls);
    }
  }

  /** {@code <listener>.tls.*}. */
  public record ListenerTls(
      boolean enabled, Optional<Path> certFile, Optional<Path> keyFile, Optional<Path> caFile) {
    public ListenerTls {
      nonNull(certFile, keyFile, caFile);
    }
  }

  /**
   * {@code audit.*}.
   *
   * @param logDir {@code audit.log_dir}, or {@code <data_dir>/audit} when not set
   */
  public record Audit(boolean enabled, Path logDir, long maxFileSize, int retentionDays) {
    public Audit {
      requireNonNull(logDir, "logDir");
      new Problems()
          .check(AUDIT_MAX_FILE_SIZE, maxFileSize)
          .check(AUDIT_RETENTION_DAYS, retentionDays)
          .throwIfAny();
    }
  }

  /**
   * {@code cluster.*}.
   *
   * @param advertiseCluster empty: detect from the network interfaces at start
   */
  public record Cluster(
      boolean enabled,
      String nodeId,
      ListenAddress addr,
      Optional<ListenAddress> advertiseCluster,
      List<ListenAddress> peers,
      int electionTimeoutMs,
      int heartbeatIntervalMs) {
    public Cluster {
      nonNull(nodeId, addr, advertiseCluster, peers);
      peers = List.copyOf(peers);
      new Problems()
          .check(CLUSTER_PEERS, peers)
          .check(CLUSTER_ELECTION_TIMEOUT_MS, electionTimeoutMs)
          .check(CLUSTER_HEARTBEAT_INTERVAL_MS, heartbeatIntervalMs)
          .throwIfAny();
    }
  }

  /**
   * {@code partition.*}.
   *
   * @param autoRebalanceIntervalSeconds {@code partition.auto_rebalance_interval}, in seconds
   */
  public record Partition(
      PartitionStrategy distributionStrategy,
      int defaultReplicationFactor,
      int defaultPartitions,
      boolean autoRebalanceEnabled,
      int autoRebalanceIntervalSeconds,
      double rebalanceThreshold) {
    public Partition {
      requireNonNull(distributionStrategy, "distributionStrategy");
      new Problems()
          .check(PARTITION_DEFAULT_REPLICATION_FACTOR, defaultReplicationFactor)
          .check(PARTITION_DEFAULT_PARTITIONS, defaultPartitions)
          .check(PARTITION_AUTO_REBALANCE_INTERVAL, autoRebalanceIntervalSeconds)
          .check(PARTITION_REBALANCE_THRESHOLD, rebalanceThreshold)
          .throwIfAny();
    }
  }

  /** {@code discovery.*}: mDNS. */
  public record Discovery(boolean enabled, String clusterId) {
    public Discovery {
      requireNonNull(clusterId, "clusterId");
    }
  }

  /** {@code schema.*}. */
  public record Schema(boolean enabled, SchemaCompatibility compatibility, Path storagePath) {
    public Schema {
      nonNull(compatibility, storagePath);
    }
  }

  /** {@code dlq.*}: dead-letter queues. */
  public record Dlq(boolean enabled, int maxRetries, long retentionMs) {
    public Dlq {
      new Problems()
          .check(DLQ_MAX_RETRIES, maxRetries)
          .check(DLQ_RETENTION_MS, retentionMs)
          .throwIfAny();
    }
  }

  /** {@code ttl.*}: message time-to-live. */
  public record Ttl(boolean enabled, long checkIntervalMs) {
    public Ttl {
      new Problems().check(TTL_CHECK_INTERVAL_MS, checkIntervalMs).throwIfAny();
    }
  }

  /** {@code delayed.*}: delayed delivery. */
  public record Delayed(boolean enabled, long maxDelayMs) {
    public Delayed {
      new Problems().check(DELAYED_MAX_DELAY_MS, maxDelayMs).throwIfAny();
    }
  }

  /** {@code transaction.*}. */
  public record Transaction(boolean enabled, long timeoutMs, int maxSize) {
    public Transaction {
      new Problems()
          .check(TRANSACTION_TIMEOUT_MS, timeoutMs)
          .check(TRANSACTION_MAX_SIZE, maxSize)
          .throwIfAny();
    }
  }

  /** {@code observability.*}. */
  public record Observability(Metrics metrics, Tracing tracing, Health health, Admin admin) {
    public Observability {
      nonNull(metrics, tracing, health, admin);
    }
  }

  /** {@code observability.metrics.*}: Prometheus. */
  public record Metrics(boolean enabled, ListenAddress addr, String path) {
    public Metrics {
      nonNull(addr, path);
      new Problems().check(OBSERVABILITY_METRICS_PATH, path).throwIfAny();
    }
  }

  /** {@code observability.tracing.*}: OpenTelemetry. */
  public record Tracing(boolean enabled, String endpoint, double sampleRate) {
    public Tracing {
      requireNonNull(endpoint, "endpoint");
      new Problems().check(OBSERVABILITY_TRACING_SAMPLE_RATE, sampleRate).throwIfAny();
    }
  }

  /** {@code observability.health.*}. */
  public record Health(
      boolean enabled,
      ListenAddress addr,
      boolean tlsEnabled,
      Optional<Path> tlsCertFile,
      Optional<Path> tlsKeyFile,
      boolean tlsAutoGenerate,
      boolean tlsUseAdminCert) {
    public Health {
      nonNull(addr, tlsCertFile, tlsKeyFile);
    }
  }

  /** {@code observability.admin.*}: the admin REST API. */
  public record Admin(
      boolean enabled,
      ListenAddress addr,
      boolean tlsEnabled,
      Optional<Path> tlsCertFile,
      Optional<Path> tlsKeyFile,
      boolean tlsAutoGenerate) {
    public Admin {
      nonNull(addr, tlsCertFile, tlsKeyFile);
    }
  }

  /**
   * {@code performance.*}.
   *
   * @param syncBatchSize 0: tuned by the broker
   * @param writeBufferSize in bytes; 0: tuned by the broker
   */
  public record Performance(Acks acks, int syncIntervalMs, int syncBatchSize, int writeBufferSize) {
    public Performance {
      requireNonNull(acks, "acks");
      new Problems()
          .check(PERFORMANCE_SYNC_INTERVAL_MS, syncIntervalMs)
          .check(PERFORMANCE_SYNC_BATCH_SIZE, syncBatchSize)
          .check(PERFORMANCE_WRITE_BUFFER_SIZE, writeBufferSize)
          .throwIfAny();
    }
  }

  /** {@code protocol.*}: how v1 requests are answered (shared/protocol/WIRE-V1.md section 18). */
  public record Protocol(V1Dialect v1Dialect, boolean v1SubscribePrefersCommit) {
    public Protocol {
      requireNonNull(v1Dialect, "v1Dialect");
    }
  }

  /**
   * {@code storage.*}.
   *
   * @param sync the effective sync mode: {@code storage.sync} when set, else the one {@code
   *     performance.acks} implies (all: always, leader: interval, none: never)
   */
  public record Storage(SyncMode sync) {
    public Storage {
      requireNonNull(sync, "sync");
    }
  }

  /**
   * Builds a configuration in code: defaults, then the values set here. {@link #build()} reports
   * every bad value at once, like {@link ConfigLoader}. Not thread-safe.
   */
  public static final class Builder {
    private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    private Optional<EncryptionKey> encryptionKey = Optional.empty();

    private Builder() {}

    /** Sets a key to a typed value. */
    public <T> Builder set(ConfigKey<T> key, T value) {
      values.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /** Sets a key by name to its text form, as a file or the environment would. */
    public Builder set(String name, String text) {
      ConfigKey<?> key =
          ConfigKeys.byName(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          name
                              + ": unknown key (expected: one of ConfigKeys, "
                              + ClosestMatch.hint(name, ConfigLoader.KEY_NAMES)
                              + ")"));
      values.put(key, key.parse(text));
      return this;
    }

    public Builder bindAddr(String address) {
      return set(BIND_ADDR, ListenAddress.parse(address));
    }

    public Builder dataDir(Path dir) {
      return set(DATA_DIR, dir);
    }

    /**
     * The encryption key, which a running broker takes from {@code FLYMQ_ENCRYPTION_KEY}; enables
     * encryption.
     */
    public Builder encryptionKey(EncryptionKey key) {
      encryptionKey = Optional.of(key);
      return set(ENCRYPTION_ENABLED, true);
    }

    /**
     * @throws ConfigException listing every problem
     */
    public ServerConfig build() {
      return ConfigLoader.resolve(values, encryptionKey);
    }
  }
}
