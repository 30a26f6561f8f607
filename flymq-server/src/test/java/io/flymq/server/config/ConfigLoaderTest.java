package io.flymq.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flymq.storage.log.SyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String KEY_HEX =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static ServerConfig load(
      Path file, Map<String, String> env, Map<String, String> overrides) {
    return ConfigLoader.load(Optional.ofNullable(file), env, overrides);
  }

  private static ConfigException failure(Path file, Map<String, String> env) {
    return catchThrowableOfType(ConfigException.class, () -> load(file, env, Map.of()));
  }

  @Test
  void shouldUseDefaultsWithoutFileEnvironmentOrFlags() {
    ServerConfig config = ConfigLoader.load(ServerFlags.none(), Map.of());

    assertThat(config).isEqualTo(ServerConfig.defaults());
    assertThat(config.bindAddr()).isEqualTo(new ListenAddress("", 9092));
    assertThat(config.bindAddr().anyHost()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.audit().logDir()).isEqualTo(Path.of("./data/audit"));
    assertThat(config.performance().acks()).isEqualTo(Acks.LEADER);
    assertThat(config.storage().sync()).isEqualTo(SyncMode.INTERVAL);
    assertThat(config.encryption().enabled()).isFalse();
    assertThat(config.encryption().key()).isEmpty();
    assertThat(config.cluster().peers()).isEmpty();
    assertThat(config.cluster().advertiseCluster()).isEmpty();
    assertThat(config.maxFrameBytes()).isEqualTo(32 << 20);
  }

  @Test
  void shouldLetFileBeatDefaultsEnvironmentBeatFileAndFlagsBeatEnvironment() throws IOException {
    Path file =
        write(
            "flymq.yaml",
            """
        log_level: debug
        data_dir: /from/file
        segment_bytes: 2048
        log_json: true
        """);
    Map<String, String> env = Map.of("FLYMQ_LOG_LEVEL", "error", "FLYMQ_DATA_DIR", "/from/env");

    ServerConfig config = load(file, env, Map.of("log_level", "warn"));

    assertThat(config.segmentBytes()).as("file over default").isEqualTo(2048);
    assertThat(config.dataDir()).as("environment over file").isEqualTo(Path.of("/from/env"));
    assertThat(config.logLevel()).as("flag over environment").isEqualTo(LogLevel.WARN);
    assertThat(config.logJson()).isTrue();
  }

  @Test
  void shouldApplyHumanReadableAndQuietFlagsAboveEverything() throws IOException {
    Path file = write("flymq.json", "{\"log_json\": true, \"log_level\": \"debug\"}");
    ServerFlags flags = ServerFlags.parse("-config", file.toString(), "-human-readable", "--quiet");

    ServerConfig config = ConfigLoader.load(flags, Map.of("FLYMQ_LOG_LEVEL", "info"));

    assertThat(config.logJson()).isFalse();
    assertThat(config.logFormat()).isEqualTo("text");
    assertThat(config.logLevel()).isEqualTo(LogLevel.WARN);
  }

  @Test
  void shouldMapNestedYamlToDottedKeys() throws IOException {
    Path file =
        write(
            "flymq.yml",
            """
        bind_addr: "127.0.0.1:19092"
        tls:
          enabled: true
          cert_file: /etc/flymq/server.crt
          key_file: /etc/flymq/server.key
        cluster:
          enabled: true
          node_id: node-1
          peers:
            - node-2:9093
            - "[::1]:9093"
        observability:
          tracing:
            sample_rate: 0.5
        partition.distribution_strategy: least-loaded
        performance:
          acks: all
        """);

    ServerConfig config = load(file, Map.of(), Map.of());

    assertThat(config.bindAddr()).isEqualTo(new ListenAddress("127.0.0.1", 19092));
    assertThat(config.tls().enabled()).isTrue();
    assertThat(config.tls().certFile()).contains(Path.of("/etc/flymq/server.crt"));
    assertThat(config.cluster().nodeId()).isEqualTo("node-1");
    assertThat(config.cluster().peers())
        .containsExactly(new ListenAddress("node-2", 9093), new ListenAddress("::1", 9093));
    assertThat(config.observability().tracing().sampleRate()).isEqualTo(0.5);
    assertThat(config.partition().distributionStrategy()).isEqualTo(PartitionStrategy.LEAST_LOADED);
    assertThat(config.storage().sync())
        .as("acks=all implies fsync before ack")
        .isEqualTo(SyncMode.ALWAYS);
  }

  @Test
  void shouldReadJsonChosenByExtensionOrContent() throws IOException {
    String json =
        """
        {"bind_addr": ":7000", "observability": {"metrics": {"addr": ":7001", "path": "/prom"}},
         "dlq": {"max_retries": 5}, "protocol": {"v1_dialect": "java", "v1_subscribe_prefers_commit": true}}
        """;
    for (Path file : List.of(write("flymq.json", json), write("flymq.conf", json))) {
      ServerConfig config = load(file, Map.of(), Map.of());

      assertThat(config.bindAddr().port()).isEqualTo(7000);
      assertThat(config.observability().metrics().addr().port()).isEqualTo(7001);
      assertThat(config.observability().metrics().path()).isEqualTo("/prom");
      assertThat(config.dlq().maxRetries()).isEqualTo(5);
      assertThat(config.protocol().v1Dialect()).isEqualTo(V1Dialect.JAVA);
      assertThat(config.protocol().v1SubscribePrefersCommit()).isTrue();
    }
  }

  @Test
  void shouldLetAnExplicitStorageSyncWinOverTheAcksMapping() {
    assertThat(load(null, Map.of("FLYMQ_ACKS", "none"), Map.of()).storage().sync())
        .isEqualTo(SyncMode.NEVER);
    assertThat(
            load(null, Map.of("FLYMQ_ACKS", "all", "FLYMQ_STORAGE_SYNC", "interval"), Map.of())
                .storage()
                .sync())
        .isEqualTo(SyncMode.INTERVAL);
  }

  @Test
  void shouldMapStorageSettingsToTheLogConfig() {
    ServerConfig config =
        load(
            null,
            Map.of(
                "FLYMQ_SEGMENT_BYTES",
                "4096",
                "FLYMQ_RETENTION_MS",
                "0",
                "FLYMQ_ACKS",
                "leader",
                "FLYMQ_SYNC_INTERVAL_MS",
                "20"),
            Map.of());

    var log = config.logConfig();
    assertThat(log.segmentBytes()).isEqualTo(4096);
    assertThat(log.retentionMs()).as("0 means no limit").isEqualTo(-1);
    assertThat(log.retentionBytes()).isEqualTo(1L << 30);
    assertThat(log.syncMode()).isEqualTo(SyncMode.INTERVAL);
    assertThat(log.syncIntervalMs()).isEqualTo(20);
  }

  @Test
  void shouldRejectAnUnknownFileKeyWithTheClosestKey() throws IOException {
    Path file = write("flymq.yaml", "tls:\n  enabeld: true\n");

    ConfigException e = failure(file, Map.of());

    assertThat(e.problems())
        .containsExactly(
            "tls.enabeld: true (expected: a known key; did you mean tls.enabled?) [flymq.yaml]");
    assertThat(e.getMessage()).contains("hint: ").contains("docs/configuration.md");
  }

  @Test
  void shouldRejectAnUnknownConfigLikeEnvironmentVariableButIgnoreOtherFlymqVariables() {
    ConfigException e =
        failure(
            null,
            Map.of("FLYMQ_TLS_ENABLE", "true", "FLYMQ_BENCH_CACHE", "/tmp/x", "PATH", "/bin"));

    assertThat(e.problems())
        .containsExactly(
            "FLYMQ_TLS_ENABLE: true (expected: a known FLYMQ_* variable; did you mean FLYMQ_TLS_ENABLED?) [environment]");
  }

  @Test
  void shouldReportEveryProblemAtOnce() throws IOException {
    Path file =
        write(
            "flymq.yaml",
            """
        bind_addr: ":99999"
        performance:
          acks: sometimes
        segmnet_bytes: 10
        """);

    ConfigException e =
        failure(file, Map.of("FLYMQ_DLQ_MAX_RETRIES", "-1", "FLYMQ_CLUSTER_PEERS", "a:1,b"));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "bind_addr: :99999 (expected: host:port or :port with port 0-65535) [flymq.yaml]",
            "performance.acks: sometimes (expected: all, leader or none) [flymq.yaml]",
            "segmnet_bytes: 10 (expected: a known key; did you mean segment_bytes?) [flymq.yaml]",
            "dlq.max_retries: -1 (expected: an integer in [0, 1000]) [FLYMQ_DLQ_MAX_RETRIES]",
            "cluster.peers: a:1,b (expected: a comma-separated list of host:port with port 1-65535) [FLYMQ_CLUSTER_PEERS]");
    assertThat(e.getMessage()).startsWith("invalid configuration (5 problems):");
  }

  @Test
  void shouldRejectAnEncryptionKeyInTheFileWithoutShowingIt() throws IOException {
    Path file = write("flymq.yaml", "encryption:\n  enabled: true\n  key: " + KEY_HEX + "\n");

    ConfigException e = failure(file, Map.of("FLYMQ_ENCRYPTION_KEY", KEY_HEX));

    assertThat(e.problems())
        .containsExactly(
            "encryption.key: <not shown> (expected: no encryption key in a "
                + "configuration file; set the FLYMQ_ENCRYPTION_KEY environment variable to 64 hex digits instead) [flymq.yaml]");
    assertThat(e.getMessage()).doesNotContain(KEY_HEX);
  }

  @Test
  void shouldTakeTheEncryptionKeyFromTheEnvironment() {
    ServerConfig config = load(null, Map.of("FLYMQ_ENCRYPTION_KEY", KEY_HEX), Map.of());

    assertThat(config.encryption().enabled()).isTrue();
    assertThat(config.encryption().key()).isPresent();
    assertThat(config.toString()).doesNotContain(KEY_HEX);

    ServerConfig off =
        load(
            null,
            Map.of("FLYMQ_ENCRYPTION_KEY", KEY_HEX, "FLYMQ_ENCRYPTION_ENABLED", "false"),
            Map.of());
    assertThat(off.encryption().enabled()).isFalse();
    assertThat(off.encryption().key()).as("kept to read old encrypted segments").isPresent();
  }

  @Test
  void shouldRequireTheKeyWhenEncryptionIsEnabledAndRejectABadKey() {
    assertThat(failure(null, Map.of("FLYMQ_ENCRYPTION_ENABLED", "true")).problems())
        .singleElement()
        .asString()
        .startsWith(
            "encryption.enabled: true (expected: false, or the key in the "
                + "FLYMQ_ENCRYPTION_KEY environment variable");
    assertThat(failure(null, Map.of("FLYMQ_ENCRYPTION_KEY", "abc")).problems())
        .singleElement()
        .asString()
        .startsWith("FLYMQ_ENCRYPTION_KEY: encryption key: 3 characters (expected: 64 hex");
  }

  @Test
  void shouldCheckRulesAcrossKeys() {
    ConfigException e =
        failure(
            null,
            Map.of(
                "FLYMQ_TLS_ENABLED",
                "true",
                "FLYMQ_TLS_CERT_FILE",
                "/c.pem",
                "FLYMQ_CLUSTER_HEARTBEAT_INTERVAL_MS",
                "2000",
                "FLYMQ_ADMIN_ADDR",
                ":9092"));

    assertThat(e.problems())
        .containsExactly(
            "tls.key_file: \"\" (expected: a file when tls.enabled is true)",
            "cluster.heartbeat_interval_ms: 2000 (expected: less than cluster.election_timeout_ms = 1000)",
            "observability.admin.addr: :9092 (expected: a port no other listener uses; bind_addr = :9092)");
  }

  @Test
  void shouldReportAMissingOrBrokenFile() throws IOException {
    assertThat(failure(dir.resolve("missing.yaml"), Map.of()).problems())
        .singleElement()
        .asString()
        .startsWith(
            "-config: "
                + dir.resolve("missing.yaml")
                + " (expected: a readable YAML or JSON file; ");
    Path broken = write("broken.json", "{\"bind_addr\": ");
    assertThat(failure(broken, Map.of()).problems())
        .singleElement()
        .asString()
        .startsWith("-config: " + broken + " (expected: valid JSON; ");
  }

  @Test
  void shouldRejectAnUnknownOverrideKey() {
    assertThatThrownBy(() -> load(null, Map.of(), Map.of("log_levle", "warn")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "log_levle: warn (expected: a known key; did you mean log_level?) [command line]");
  }

  @Test
  void shouldAcceptAnEmptyFileAndEmptySections() throws IOException {
    assertThat(load(write("empty.yaml", ""), Map.of(), Map.of()))
        .isEqualTo(ServerConfig.defaults());
    assertThat(load(write("sections.yaml", "tls:\ncluster:\n"), Map.of(), Map.of()))
        .isEqualTo(ServerConfig.defaults());
  }

  @Test
  void shouldBuildInCodeWithTheSameChecks() {
    ServerConfig config =
        ServerConfig.builder()
            .bindAddr("127.0.0.1:0")
            .dataDir(dir)
            .set(ConfigKeys.AUTO_CREATE_TOPICS, false)
            .set("performance.acks", "all")
            .build();

    assertThat(config.bindAddr().port()).isZero();
    assertThat(config.audit().logDir()).isEqualTo(dir.resolve("audit"));
    assertThat(config.autoCreateTopics()).isFalse();
    assertThat(config.storage().sync()).isEqualTo(SyncMode.ALWAYS);
    assertThatThrownBy(() -> ServerConfig.builder().set(ConfigKeys.DLQ_MAX_RETRIES, 5000).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dlq.max_retries: 5000 (expected: an integer in [0, 1000])");
  }

  @Test
  void shouldMaskTheAdminPassword() {
    ServerConfig config = load(null, Map.of("FLYMQ_AUTH_ADMIN_PASSWORD", "s3cret"), Map.of());

    assertThat(config.auth().adminPassword()).isEqualTo("s3cret");
    assertThat(config.toString()).doesNotContain("s3cret").contains("adminPassword=****");
  }
}
