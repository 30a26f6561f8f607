package io.flymq.server.config;

import static io.flymq.server.config.ConfigKey.of;
import static io.flymq.server.config.ValueType.address;
import static io.flymq.server.config.ValueType.autoInteger;
import static io.flymq.server.config.ValueType.bool;
import static io.flymq.server.config.ValueType.decimal;
import static io.flymq.server.config.ValueType.httpPath;
import static io.flymq.server.config.ValueType.integer;
import static io.flymq.server.config.ValueType.limit;
import static io.flymq.server.config.ValueType.longInteger;
import static io.flymq.server.config.ValueType.oneOf;
import static io.flymq.server.config.ValueType.optionalAddress;
import static io.flymq.server.config.ValueType.optionalPath;
import static io.flymq.server.config.ValueType.path;
import static io.flymq.server.config.ValueType.peerList;
import static io.flymq.server.config.ValueType.text;

import io.flymq.storage.log.SyncMode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key of the broker, in documentation order. The names, environment variables
 * and defaults are those of the public FlyMQ 1.26 server (shared/protocol/CONFIG-KEYS.md), so its
 * configuration files and environments work unchanged; the keys marked {@link
 * ConfigKey#isJvmOnly()} are FlyMQ-JVM's own.
 *
 * <p>Thread-safe: constants only.
 */
public final class ConfigKeys {
  private static final String NONE = "";
  private static final String MS = "ms";
  private static final String BYTES = "bytes";
  private static final String FILE_TLS_CERT = "PEM certificate (chain) file";
  private static final String FILE_TLS_KEY = "PEM private key file";
  private static final String FILE_TLS_CA = "PEM CA bundle that client certificates must chain to";

  // --- core ---
  public static final ConfigKey<ListenAddress> BIND_ADDR =
      of(
              "bind_addr",
              "FLYMQ_BIND_ADDR",
              address(),
              ListenAddress.parse(":9092"),
              NONE,
              "Address the client protocol listens on; `:9092` means every interface.")
          .main();
  public static final ConfigKey<Path> DATA_DIR =
      of(
              "data_dir",
              "FLYMQ_DATA_DIR",
              path(),
              Path.of("./data"),
              NONE,
              "Directory of the partition logs and metadata.")
          .main();
  public static final ConfigKey<LogLevel> LOG_LEVEL =
      of(
              "log_level",
              "FLYMQ_LOG_LEVEL",
              oneOf(LogLevel.class),
              LogLevel.INFO,
              NONE,
              "Least severe log level written; the `-quiet` flag sets `warn`.")
          .main();
  public static final ConfigKey<Boolean> LOG_JSON =
      of(
              "log_json",
              "FLYMQ_LOG_JSON",
              bool(),
              true,
              NONE,
              "Write logs as one JSON object per line; false (or the `-human-readable` flag) writes text lines.")
          .main();
  public static final ConfigKey<Integer> DEFAULT_PARTITIONS =
      of(
          "default_partitions",
          "FLYMQ_DEFAULT_PARTITIONS",
          integer(1, 10_000),
          3,
          "partitions",
          "Partition count of a topic created without one, and of auto-created topics.");
  public static final ConfigKey<Long> RETENTION_BYTES =
      of(
          "retention_bytes",
          "FLYMQ_RETENTION_BYTES",
          limit(),
          1L << 30,
          BYTES,
          "Delete the oldest segments of a partition while it is larger than this.");
  public static final ConfigKey<Long> RETENTION_MS =
      of(
          "retention_ms",
          "FLYMQ_RETENTION_MS",
          limit(),
          604_800_000L,
          MS,
          "Delete closed segments whose newest record is older than this.");
  public static final ConfigKey<Integer> SEGMENT_BYTES =
      of(
          "segment_bytes",
          "FLYMQ_SEGMENT_BYTES",
          integer(1024, Integer.MAX_VALUE),
          1 << 30,
          BYTES,
          "Roll a partition's active segment file before it grows past this size.");

  // --- tls ---
  public static final ConfigKey<Boolean> TLS_ENABLED =
      of(
              "tls.enabled",
              "FLYMQ_TLS_ENABLED",
              bool(),
              false,
              NONE,
              "Serve the client protocol over TLS; needs `tls.cert_file` and `tls.key_file`.")
          .main();
  public static final ConfigKey<Optional<Path>> TLS_CERT_FILE =
      of(
          "tls.cert_file",
          "FLYMQ_TLS_CERT_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The client listener's " + FILE_TLS_CERT + ".");
  public static final ConfigKey<Optional<Path>> TLS_KEY_FILE =
      of(
          "tls.key_file",
          "FLYMQ_TLS_KEY_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The client listener's " + FILE_TLS_KEY + ".");
  public static final ConfigKey<Optional<Path>> TLS_CA_FILE =
      of(
          "tls.ca_file",
          "FLYMQ_TLS_CA_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The " + FILE_TLS_CA + " (mTLS).");
  public static final ConfigKey<Boolean> TLS_CLIENT_AUTH =
      of(
          "tls.client_auth",
          "FLYMQ_TLS_CLIENT_AUTH",
          bool(),
          false,
          NONE,
          "Require client certificates (mTLS); needs `tls.ca_file`.");

  // --- encryption at rest (the key itself: FLYMQ_ENCRYPTION_KEY only) ---
  public static final ConfigKey<Boolean> ENCRYPTION_ENABLED =
      of(
              "encryption.enabled",
              "FLYMQ_ENCRYPTION_ENABLED",
              bool(),
              false,
              NONE,
              "Encrypt record batches at rest (AES-256-GCM); the key comes from `FLYMQ_ENCRYPTION_KEY` only.")
          .main();

  // --- auth ---
  public static final ConfigKey<Boolean> AUTH_ENABLED =
      of(
              "auth.enabled",
              "FLYMQ_AUTH_ENABLED",
              bool(),
              false,
              NONE,
              "Require clients to authenticate.")
          .main();
  public static final ConfigKey<Boolean> AUTH_RBAC_ENABLED =
      of(
          "auth.rbac_enabled",
          null,
          bool(),
          true,
          NONE,
          "Check roles and ACLs on every request once auth is enabled (file only, no environment variable).");
  public static final ConfigKey<Boolean> AUTH_ALLOW_ANONYMOUS =
      of(
          "auth.allow_anonymous",
          "FLYMQ_AUTH_ALLOW_ANONYMOUS",
          bool(),
          false,
          NONE,
          "Let unauthenticated clients in with the guest role when auth is enabled.");
  public static final ConfigKey<Boolean> AUTH_DEFAULT_PUBLIC =
      of(
          "auth.default_public",
          "FLYMQ_AUTH_DEFAULT_PUBLIC",
          bool(),
          true,
          NONE,
          "Topics without an ACL are public (readable by the guest role).");
  public static final ConfigKey<Optional<Path>> AUTH_USER_FILE =
      of(
          "auth.user_file",
          "FLYMQ_AUTH_USER_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "File of users to import at start.");
  public static final ConfigKey<Optional<Path>> AUTH_ACL_FILE =
      of(
          "auth.acl_file",
          "FLYMQ_AUTH_ACL_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "File of topic ACLs to import at start.");
  public static final ConfigKey<String> AUTH_ADMIN_USERNAME =
      of(
          "auth.admin_username",
          "FLYMQ_AUTH_ADMIN_USERNAME",
          text(),
          "admin",
          NONE,
          "Name of the admin user created at first start.");
  public static final ConfigKey<String> AUTH_ADMIN_PASSWORD =
      of(
          "auth.admin_password",
          "FLYMQ_AUTH_ADMIN_PASSWORD",
          text(),
          "",
          NONE,
          "Password of that admin user. Never logged.");

  // --- gRPC, WebSocket, MQTT listeners ---
  public static final ConfigKey<Boolean> GRPC_ENABLED =
      of("grpc.enabled", "FLYMQ_GRPC_ENABLED", bool(), false, NONE, "Serve the gRPC API.");
  public static final ConfigKey<ListenAddress> GRPC_ADDR =
      of(
          "grpc.addr",
          "FLYMQ_GRPC_ADDR",
          address(),
          ListenAddress.parse(":9097"),
          NONE,
          "Address of the gRPC listener.");
  public static final ConfigKey<Boolean> GRPC_TLS_ENABLED =
      of("grpc.tls.enabled", "FLYMQ_GRPC_TLS_ENABLED", bool(), false, NONE, "Serve gRPC over TLS.");
  public static final ConfigKey<Optional<Path>> GRPC_TLS_CERT_FILE =
      of(
          "grpc.tls.cert_file",
          "FLYMQ_GRPC_TLS_CERT_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The gRPC listener's " + FILE_TLS_CERT + ".");
  public static final ConfigKey<Optional<Path>> GRPC_TLS_KEY_FILE =
      of(
          "grpc.tls.key_file",
          "FLYMQ_GRPC_TLS_KEY_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The gRPC listener's " + FILE_TLS_KEY + ".");
  public static final ConfigKey<Optional<Path>> GRPC_TLS_CA_FILE =
      of(
          "grpc.tls.ca_file",
          "FLYMQ_GRPC_TLS_CA_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The gRPC listener's " + FILE_TLS_CA + ".");
  public static final ConfigKey<Boolean> WS_ENABLED =
      of("ws.enabled", "FLYMQ_WS_ENABLED", bool(), false, NONE, "Serve the WebSocket gateway.");
  public static final ConfigKey<ListenAddress> WS_ADDR =
      of(
          "ws.addr",
          "FLYMQ_WS_ADDR",
          address(),
          ListenAddress.parse(":9098"),
          NONE,
          "Address of the WebSocket listener.");
  public static final ConfigKey<Boolean> WS_TLS_ENABLED =
      of(
          "ws.tls.enabled",
          "FLYMQ_WS_TLS_ENABLED",
          bool(),
          false,
          NONE,
          "Serve WebSocket over TLS (wss).");
  public static final ConfigKey<Optional<Path>> WS_TLS_CERT_FILE =
      of(
          "ws.tls.cert_file",
          "FLYMQ_WS_TLS_CERT_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The WebSocket listener's " + FILE_TLS_CERT + ".");
  public static final ConfigKey<Optional<Path>> WS_TLS_KEY_FILE =
      of(
          "ws.tls.key_file",
          "FLYMQ_WS_TLS_KEY_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The WebSocket listener's " + FILE_TLS_KEY + ".");
  public static final ConfigKey<Optional<Path>> WS_TLS_CA_FILE =
      of(
          "ws.tls.ca_file",
          "FLYMQ_WS_TLS_CA_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The WebSocket listener's " + FILE_TLS_CA + ".");
  public static final ConfigKey<Boolean> MQTT_ENABLED =
      of("mqtt.enabled", "FLYMQ_MQTT_ENABLED", bool(), false, NONE, "Serve the MQTT bridge.");
  public static final ConfigKey<ListenAddress> MQTT_ADDR =
      of(
          "mqtt.addr",
          "FLYMQ_MQTT_ADDR",
          address(),
          ListenAddress.parse(":1883"),
          NONE,
          "Address of the MQTT listener.");
  public static final ConfigKey<Boolean> MQTT_TLS_ENABLED =
      of("mqtt.tls.enabled", "FLYMQ_MQTT_TLS_ENABLED", bool(), false, NONE, "Serve MQTT over TLS.");
  public static final ConfigKey<Optional<Path>> MQTT_TLS_CERT_FILE =
      of(
          "mqtt.tls.cert_file",
          "FLYMQ_MQTT_TLS_CERT_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The MQTT listener's " + FILE_TLS_CERT + ".");
  public static final ConfigKey<Optional<Path>> MQTT_TLS_KEY_FILE =
      of(
          "mqtt.tls.key_file",
          "FLYMQ_MQTT_TLS_KEY_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The MQTT listener's " + FILE_TLS_KEY + ".");
  public static final ConfigKey<Optional<Path>> MQTT_TLS_CA_FILE =
      of(
          "mqtt.tls.ca_file",
          "FLYMQ_MQTT_TLS_CA_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The MQTT listener's " + FILE_TLS_CA + ".");

  // --- audit ---
  public static final ConfigKey<Boolean> AUDIT_ENABLED =
      of(
          "audit.enabled",
          "FLYMQ_AUDIT_ENABLED",
          bool(),
          true,
          NONE,
          "Write an audit trail of security-relevant events.");
  public static final ConfigKey<Optional<Path>> AUDIT_LOG_DIR =
      of(
              "audit.log_dir",
              "FLYMQ_AUDIT_LOG_DIR",
              optionalPath(),
              Optional.<Path>empty(),
              NONE,
              "Directory of the audit files.")
          .derivedDefault("<data_dir>/audit");
  public static final ConfigKey<Long> AUDIT_MAX_FILE_SIZE =
      of(
          "audit.max_file_size",
          "FLYMQ_AUDIT_MAX_FILE_SIZE",
          longInteger(1024, Long.MAX_VALUE),
          104_857_600L,
          BYTES,
          "Start a new audit file once the current one is this large.");
  public static final ConfigKey<Integer> AUDIT_RETENTION_DAYS =
      of(
          "audit.retention_days",
          "FLYMQ_AUDIT_RETENTION_DAYS",
          integer(1, 36_500),
          90,
          "days",
          "Delete audit files older than this.");

  // --- cluster ---
  public static final ConfigKey<Boolean> CLUSTER_ENABLED =
      of(
              "cluster.enabled",
              "FLYMQ_CLUSTER_ENABLED",
              bool(),
              false,
              NONE,
              "Run as one node of a cluster.")
          .main();
  public static final ConfigKey<String> CLUSTER_NODE_ID =
      of(
              "cluster.node_id",
              "FLYMQ_CLUSTER_NODE_ID",
              text(),
              "",
              NONE,
              "This node's id, unique in the cluster and stable across restarts.")
          .main();
  public static final ConfigKey<ListenAddress> CLUSTER_ADDR =
      of(
              "cluster.addr",
              "FLYMQ_CLUSTER_ADDR",
              address(),
              ListenAddress.parse(":9093"),
              NONE,
              "Address of the listener for other nodes (metadata and replication).")
          .main();
  public static final ConfigKey<Optional<ListenAddress>> CLUSTER_ADVERTISE_CLUSTER =
      of(
              "cluster.advertise_cluster",
              "FLYMQ_ADVERTISE_CLUSTER",
              optionalAddress(),
              Optional.<ListenAddress>empty(),
              NONE,
              "The host:port other nodes reach this node's cluster listener at; detected from the interfaces when empty.")
          .derivedDefault("auto-detected");
  public static final ConfigKey<List<ListenAddress>> CLUSTER_PEERS =
      of(
              "cluster.peers",
              "FLYMQ_CLUSTER_PEERS",
              peerList(),
              List.of(),
              NONE,
              "Cluster addresses of the other nodes to join (a YAML/JSON list, or comma-separated).")
          .main();
  public static final ConfigKey<Integer> CLUSTER_ELECTION_TIMEOUT_MS =
      of(
          "cluster.election_timeout_ms",
          "FLYMQ_CLUSTER_ELECTION_TIMEOUT_MS",
          integer(10, 600_000),
          1000,
          MS,
          "A follower that hears no leader for this long starts an election; must exceed the heartbeat interval.");
  public static final ConfigKey<Integer> CLUSTER_HEARTBEAT_INTERVAL_MS =
      of(
          "cluster.heartbeat_interval_ms",
          "FLYMQ_CLUSTER_HEARTBEAT_INTERVAL_MS",
          integer(1, 60_000),
          100,
          MS,
          "How often the leader heartbeats followers.");

  // --- partition placement ---
  public static final ConfigKey<PartitionStrategy> PARTITION_DISTRIBUTION_STRATEGY =
      of(
          "partition.distribution_strategy",
          "FLYMQ_PARTITION_DISTRIBUTION_STRATEGY",
          oneOf(PartitionStrategy.class),
          PartitionStrategy.ROUND_ROBIN,
          NONE,
          "How partition leaders are spread over the brokers.");
  public static final ConfigKey<Integer> PARTITION_DEFAULT_REPLICATION_FACTOR =
      of(
          "partition.default_replication_factor",
          "FLYMQ_PARTITION_DEFAULT_REPLICATION_FACTOR",
          integer(1, 64),
          3,
          "replicas",
          "Replicas of each partition of a new topic in a cluster.");
  public static final ConfigKey<Integer> PARTITION_DEFAULT_PARTITIONS =
      of(
          "partition.default_partitions",
          "FLYMQ_PARTITION_DEFAULT_PARTITIONS",
          integer(1, 10_000),
          6,
          "partitions",
          "Partition count of a topic created without one in a cluster.");
  public static final ConfigKey<Boolean> PARTITION_AUTO_REBALANCE_ENABLED =
      of(
          "partition.auto_rebalance_enabled",
          "FLYMQ_PARTITION_AUTO_REBALANCE_ENABLED",
          bool(),
          true,
          NONE,
          "Move partition leaders when brokers become unbalanced.");
  public static final ConfigKey<Integer> PARTITION_AUTO_REBALANCE_INTERVAL =
      of(
          "partition.auto_rebalance_interval",
          "FLYMQ_PARTITION_AUTO_REBALANCE_INTERVAL",
          integer(1, 604_800),
          300,
          "s",
          "How often the balance is checked.");
  public static final ConfigKey<Double> PARTITION_REBALANCE_THRESHOLD =
      of(
          "partition.rebalance_threshold",
          "FLYMQ_PARTITION_REBALANCE_THRESHOLD",
          decimal(0.0, 1.0),
          0.2,
          "fraction",
          "Rebalance when a broker leads this fraction more partitions than the average.");

  // --- discovery ---
  public static final ConfigKey<Boolean> DISCOVERY_ENABLED =
      of(
          "discovery.enabled",
          "FLYMQ_DISCOVERY_ENABLED",
          bool(),
          false,
          NONE,
          "Find peers on the local network with mDNS.");
  public static final ConfigKey<String> DISCOVERY_CLUSTER_ID =
      of(
          "discovery.cluster_id",
          "FLYMQ_DISCOVERY_CLUSTER_ID",
          text(),
          "",
          NONE,
          "Only peers announcing this cluster id are joined.");

  // --- schemas, DLQ, TTL, delayed delivery, transactions ---
  public static final ConfigKey<Boolean> SCHEMA_ENABLED =
      of(
          "schema.enabled",
          "FLYMQ_SCHEMA_ENABLED",
          bool(),
          false,
          NONE,
          "Validate messages against registered schemas.");
  public static final ConfigKey<SchemaCompatibility> SCHEMA_COMPATIBILITY =
      of(
          "schema.compatibility",
          "FLYMQ_SCHEMA_COMPATIBILITY",
          oneOf(SchemaCompatibility.class),
          SchemaCompatibility.BACKWARD,
          NONE,
          "The rule a new schema version must meet against the previous one.");
  public static final ConfigKey<Path> SCHEMA_STORAGE_PATH =
      of(
          "schema.storage_path",
          "FLYMQ_SCHEMA_STORAGE_PATH",
          path(),
          Path.of("./schemas"),
          NONE,
          "Directory of schema files imported at start.");
  public static final ConfigKey<Boolean> DLQ_ENABLED =
      of(
          "dlq.enabled",
          "FLYMQ_DLQ_ENABLED",
          bool(),
          true,
          NONE,
          "Move messages that fail processing too often to a dead-letter topic.");
  public static final ConfigKey<Integer> DLQ_MAX_RETRIES =
      of(
          "dlq.max_retries",
          "FLYMQ_DLQ_MAX_RETRIES",
          integer(0, 1000),
          3,
          "retries",
          "Failed deliveries before a message moves to the dead-letter topic.");
  public static final ConfigKey<Long> DLQ_RETENTION_MS =
      of(
          "dlq.retention_ms",
          "FLYMQ_DLQ_RETENTION_MS",
          limit(),
          604_800_000L,
          MS,
          "Retention of dead-letter topics.");
  public static final ConfigKey<Boolean> TTL_ENABLED =
      of(
          "ttl.enabled",
          "FLYMQ_TTL_ENABLED",
          bool(),
          true,
          NONE,
          "Honour per-message time-to-live.");
  public static final ConfigKey<Long> TTL_CHECK_INTERVAL_MS =
      of(
          "ttl.check_interval_ms",
          "FLYMQ_TTL_CHECK_INTERVAL_MS",
          longInteger(1, 86_400_000),
          60_000L,
          MS,
          "How often expired messages are looked for.");
  public static final ConfigKey<Boolean> DELAYED_ENABLED =
      of(
          "delayed.enabled",
          "FLYMQ_DELAYED_ENABLED",
          bool(),
          true,
          NONE,
          "Accept messages with a delivery delay.");
  public static final ConfigKey<Long> DELAYED_MAX_DELAY_MS =
      of(
          "delayed.max_delay_ms",
          "FLYMQ_DELAYED_MAX_DELAY_MS",
          longInteger(1, Long.MAX_VALUE),
          86_400_000L,
          MS,
          "The longest delivery delay a producer may ask for.");
  public static final ConfigKey<Boolean> TRANSACTION_ENABLED =
      of(
          "transaction.enabled",
          "FLYMQ_TRANSACTION_ENABLED",
          bool(),
          true,
          NONE,
          "Accept transactional produces.");
  public static final ConfigKey<Long> TRANSACTION_TIMEOUT_MS =
      of(
          "transaction.timeout_ms",
          "FLYMQ_TRANSACTION_TIMEOUT_MS",
          longInteger(1, 86_400_000),
          60_000L,
          MS,
          "Abort a transaction that is not committed within this time.");
  public static final ConfigKey<Integer> TRANSACTION_MAX_SIZE =
      of(
          "transaction.max_size",
          "FLYMQ_TRANSACTION_MAX_SIZE",
          integer(1, 1_000_000),
          1000,
          "messages",
          "The most messages one transaction may hold.");

  // --- observability ---
  public static final ConfigKey<Boolean> OBSERVABILITY_METRICS_ENABLED =
      of(
          "observability.metrics.enabled",
          "FLYMQ_METRICS_ENABLED",
          bool(),
          true,
          NONE,
          "Serve Prometheus metrics.");
  public static final ConfigKey<ListenAddress> OBSERVABILITY_METRICS_ADDR =
      of(
          "observability.metrics.addr",
          "FLYMQ_METRICS_ADDR",
          address(),
          ListenAddress.parse(":9094"),
          NONE,
          "Address of the metrics HTTP listener.");
  public static final ConfigKey<String> OBSERVABILITY_METRICS_PATH =
      of(
          "observability.metrics.path",
          "FLYMQ_METRICS_PATH",
          httpPath(),
          "/metrics",
          NONE,
          "HTTP path of the metrics.");
  public static final ConfigKey<Boolean> OBSERVABILITY_TRACING_ENABLED =
      of(
          "observability.tracing.enabled",
          "FLYMQ_TRACING_ENABLED",
          bool(),
          false,
          NONE,
          "Export OpenTelemetry traces; needs `observability.tracing.endpoint`.");
  public static final ConfigKey<String> OBSERVABILITY_TRACING_ENDPOINT =
      of(
          "observability.tracing.endpoint",
          "FLYMQ_TRACING_ENDPOINT",
          text(),
          "",
          NONE,
          "OTLP endpoint traces are sent to.");
  public static final ConfigKey<Double> OBSERVABILITY_TRACING_SAMPLE_RATE =
      of(
          "observability.tracing.sample_rate",
          "FLYMQ_TRACING_SAMPLE_RATE",
          decimal(0.0, 1.0),
          0.1,
          "fraction",
          "Fraction of requests traced.");
  public static final ConfigKey<Boolean> OBSERVABILITY_HEALTH_ENABLED =
      of(
          "observability.health.enabled",
          "FLYMQ_HEALTH_ENABLED",
          bool(),
          true,
          NONE,
          "Serve the health endpoints (liveness, readiness).");
  public static final ConfigKey<ListenAddress> OBSERVABILITY_HEALTH_ADDR =
      of(
          "observability.health.addr",
          "FLYMQ_HEALTH_ADDR",
          address(),
          ListenAddress.parse(":9095"),
          NONE,
          "Address of the health HTTP listener.");
  public static final ConfigKey<Boolean> OBSERVABILITY_HEALTH_TLS_ENABLED =
      of(
          "observability.health.tls_enabled",
          "FLYMQ_HEALTH_TLS_ENABLED",
          bool(),
          false,
          NONE,
          "Serve health over HTTPS.");
  public static final ConfigKey<Optional<Path>> OBSERVABILITY_HEALTH_TLS_CERT_FILE =
      of(
          "observability.health.tls_cert_file",
          "FLYMQ_HEALTH_TLS_CERT_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The health listener's " + FILE_TLS_CERT + ".");
  public static final ConfigKey<Optional<Path>> OBSERVABILITY_HEALTH_TLS_KEY_FILE =
      of(
          "observability.health.tls_key_file",
          "FLYMQ_HEALTH_TLS_KEY_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The health listener's " + FILE_TLS_KEY + ".");
  public static final ConfigKey<Boolean> OBSERVABILITY_HEALTH_TLS_AUTO_GENERATE =
      of(
          "observability.health.tls_auto_generate",
          "FLYMQ_HEALTH_TLS_AUTO_GENERATE",
          bool(),
          false,
          NONE,
          "Generate a self-signed certificate for the health listener.");
  public static final ConfigKey<Boolean> OBSERVABILITY_HEALTH_TLS_USE_ADMIN_CERT =
      of(
          "observability.health.tls_use_admin_cert",
          "FLYMQ_HEALTH_TLS_USE_ADMIN_CERT",
          bool(),
          false,
          NONE,
          "Use the admin listener's certificate for the health listener.");
  public static final ConfigKey<Boolean> OBSERVABILITY_ADMIN_ENABLED =
      of(
          "observability.admin.enabled",
          "FLYMQ_ADMIN_ENABLED",
          bool(),
          true,
          NONE,
          "Serve the admin REST API.");
  public static final ConfigKey<ListenAddress> OBSERVABILITY_ADMIN_ADDR =
      of(
          "observability.admin.addr",
          "FLYMQ_ADMIN_ADDR",
          address(),
          ListenAddress.parse(":9096"),
          NONE,
          "Address of the admin HTTP listener.");
  public static final ConfigKey<Boolean> OBSERVABILITY_ADMIN_TLS_ENABLED =
      of(
          "observability.admin.tls_enabled",
          "FLYMQ_ADMIN_TLS_ENABLED",
          bool(),
          false,
          NONE,
          "Serve the admin API over HTTPS.");
  public static final ConfigKey<Optional<Path>> OBSERVABILITY_ADMIN_TLS_CERT_FILE =
      of(
          "observability.admin.tls_cert_file",
          "FLYMQ_ADMIN_TLS_CERT_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The admin listener's " + FILE_TLS_CERT + ".");
  public static final ConfigKey<Optional<Path>> OBSERVABILITY_ADMIN_TLS_KEY_FILE =
      of(
          "observability.admin.tls_key_file",
          "FLYMQ_ADMIN_TLS_KEY_FILE",
          optionalPath(),
          Optional.empty(),
          NONE,
          "The admin listener's " + FILE_TLS_KEY + ".");
  public static final ConfigKey<Boolean> OBSERVABILITY_ADMIN_TLS_AUTO_GENERATE =
      of(
          "observability.admin.tls_auto_generate",
          "FLYMQ_ADMIN_TLS_AUTO_GENERATE",
          bool(),
          false,
          NONE,
          "Generate a self-signed certificate for the admin listener.");

  // --- performance ---
  public static final ConfigKey<Acks> PERFORMANCE_ACKS =
      of(
              "performance.acks",
              "FLYMQ_ACKS",
              oneOf(Acks.class),
              Acks.LEADER,
              NONE,
              "When a produce is acknowledged: all (after fsync), leader (after the leader's write; "
                  + "fsync every `performance.sync_interval_ms`), none (no wait). Picks `storage.sync` unless that is set.")
          .main();
  public static final ConfigKey<Integer> PERFORMANCE_SYNC_INTERVAL_MS =
      of(
          "performance.sync_interval_ms",
          "FLYMQ_SYNC_INTERVAL_MS",
          integer(1, 60_000),
          5,
          MS,
          "Period of the background fsync when the storage sync mode is interval.");
  public static final ConfigKey<Integer> PERFORMANCE_SYNC_BATCH_SIZE =
      of(
              "performance.sync_batch_size",
              "FLYMQ_SYNC_BATCH_SIZE",
              autoInteger(1, 1_000_000),
              0,
              "messages",
              "Most appends one fsync may cover (group commit).")
          .derivedDefault("auto-tuned");
  public static final ConfigKey<Integer> PERFORMANCE_WRITE_BUFFER_SIZE =
      of(
              "performance.write_buffer_size",
              "FLYMQ_WRITE_BUFFER_SIZE",
              autoInteger(4096, 1 << 30),
              0,
              BYTES,
              "Size of each connection's write buffer.")
          .derivedDefault("auto-tuned");

  // --- FlyMQ-JVM's own keys ---
  public static final ConfigKey<SyncMode> STORAGE_SYNC =
      of(
              "storage.sync",
              "FLYMQ_STORAGE_SYNC",
              oneOf(SyncMode.class),
              SyncMode.INTERVAL,
              NONE,
              "When appends are forced to disk: always (fsync before ack), interval (every "
                  + "`performance.sync_interval_ms`), never (page cache; rely on replicas). When set it wins over the "
                  + "mode `performance.acks` implies.")
          .derivedDefault("from performance.acks")
          .main()
          .jvmOnly();
  public static final ConfigKey<Boolean> AUTO_CREATE_TOPICS =
      of(
              "auto_create_topics",
              "FLYMQ_AUTO_CREATE_TOPICS",
              bool(),
              true,
              NONE,
              "Create a topic with `default_partitions` partitions when a client produces to or fetches from a missing one.")
          .jvmOnly();
  public static final ConfigKey<Integer> MAX_FRAME_BYTES =
      of(
              "max_frame_bytes",
              "FLYMQ_MAX_FRAME_BYTES",
              integer(1024, 1 << 30),
              32 << 20,
              BYTES,
              "The largest request or response frame; larger requests are refused "
                  + "before their payload is read.")
          .jvmOnly();
  public static final ConfigKey<Integer> MAX_INFLIGHT_REQUESTS_PER_CONNECTION =
      of(
              "max_inflight_requests_per_connection",
              "FLYMQ_MAX_INFLIGHT_REQUESTS_PER_CONNECTION",
              integer(1, 10_000),
              100,
              "requests",
              "Requests of one v2 connection being processed at once; the broker stops reading the connection past it.")
          .jvmOnly();
  public static final ConfigKey<V1Dialect> PROTOCOL_V1_DIALECT =
      of(
              "protocol.v1_dialect",
              "FLYMQ_PROTOCOL_V1_DIALECT",
              oneOf(V1Dialect.class),
              V1Dialect.AUTO,
              NONE,
              "Which SDK's layouts v1 responses follow where the SDKs disagree: "
                  + "auto (tell from the request), reference (Go/Python SDKs, flymq-cli), java.")
          .jvmOnly();
  public static final ConfigKey<Boolean> PROTOCOL_V1_SUBSCRIBE_PREFERS_COMMIT =
      of(
              "protocol.v1_subscribe_prefers_commit",
              "FLYMQ_PROTOCOL_V1_SUBSCRIBE_PREFERS_COMMIT",
              bool(),
              false,
              NONE,
              "A v1 SUBSCRIBE from earliest/latest resumes at the group's committed offset when one exists.")
          .jvmOnly();

  private static final List<ConfigKey<?>> ALL = collect();
  private static final Map<String, ConfigKey<?>> BY_NAME = index(ALL, false);
  private static final Map<String, ConfigKey<?>> BY_ENV = index(ALL, true);

  private ConfigKeys() {}

  /** Every key, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return ALL;
  }

  /** The key called {@code name} (dotted), if any. */
  public static Optional<ConfigKey<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The key set by environment variable {@code envVar}, if any. */
  public static Optional<ConfigKey<?>> byEnvVar(String envVar) {
    return Optional.ofNullable(BY_ENV.get(envVar));
  }

  // Reflection keeps the list and the constants from drifting apart: a new constant is a new key.
  private static List<ConfigKey<?>> collect() {
    List<ConfigKey<?>> keys = new ArrayList<>();
    for (Field field : ConfigKeys.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && Modifier.isPublic(field.getModifiers())
          && field.getType() == ConfigKey.class) {
        try {
          keys.add((ConfigKey<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return Collections.unmodifiableList(keys);
  }

  private static Map<String, ConfigKey<?>> index(List<ConfigKey<?>> keys, boolean byEnv) {
    Map<String, ConfigKey<?>> map = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys) {
      String id = byEnv ? key.envVar().orElse(null) : key.name();
      if (id != null && map.put(id, key) != null) {
        throw new IllegalStateException("two keys share " + id);
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
