package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.server.testing.TestBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsIT {
  private static TestBroker broker;
  private CliRunner cli;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void runner(@TempDir Path home) {
    cli = new CliRunner(broker.bootstrap(), home.resolve("config.yaml"));
  }

  @Test
  void shouldCreateListDescribeAndDeleteATopic() {
    Result created = cli.run("topics", "create", "orders", "--partitions", "3");
    assertThat(created.exitCode()).isZero();
    assertThat(created.out())
        .isEqualTo("name                orders\npartitions          3\nreplication_factor  1\n");
    assertThat(created.err()).isEmpty();

    Result listed = cli.run("topics", "list");
    assertThat(listed.exitCode()).isZero();
    assertThat(listed.out()).contains("NAME    PARTITIONS  REPLICATION-FACTOR\n");
    assertThat(listed.out()).contains("orders  3           1\n");

    cli.run("produce", "orders", "v", "--partition", "1");
    Result described = cli.run("topics", "describe", "orders", "-o", "json");
    assertThat(described.exitCode()).isZero();
    assertThat(described.out())
        .contains("\"name\" : \"orders\"")
        .contains("\"partition_offsets\"")
        .contains("\"log_end_offset\" : 1");

    Result deleted = cli.run("topics", "delete", "orders", "-o", "json");
    assertThat(deleted.exitCode()).isZero();
    assertThat(deleted.out()).contains("\"deleted\" : true");
    assertThat(cli.run("topics", "list", "-o", "json").out()).doesNotContain("orders");
  }

  @Test
  void shouldPrintTheListAsJsonAndYaml() {
    cli.run("topics", "create", "payments");

    assertThat(cli.run("topics", "list", "-o", "json").out())
        .contains(
            "{\n  \"name\" : \"payments\",\n  \"partitions\" : 1,\n  \"replication_factor\" : 1\n}");
    assertThat(cli.run("topics", "list", "--output", "yaml").out())
        .contains("- name: payments\n  partitions: 1\n  replication_factor: 1\n");
  }

  @Test
  void shouldExitOneWithTheBrokersErrorAndHint() {
    Result result = cli.run("topics", "describe", "no-such-topic");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: ").contains("\nhint: ");
  }

  @Test
  void shouldExitTwoOnUsageErrors() {
    Result unknownOption = cli.run("topics", "create", "x", "--bogus");
    assertThat(unknownOption.exitCode()).isEqualTo(2);
    assertThat(unknownOption.err())
        .contains("error: Unknown option: '--bogus'")
        .contains("hint: see 'flymq-cli topics create --help'");

    Result badPartitions = cli.run("topics", "create", "x", "--partitions", "0");
    assertThat(badPartitions.exitCode()).isEqualTo(2);
    assertThat(badPartitions.err()).contains("--partitions: 0 (expected: >= 1)");

    assertThat(cli.run("topics", "list", "-o", "xml").exitCode()).isEqualTo(2);
  }

  @Test
  void shouldAlterTopicConfigsAndShowThemInDescribe() {
    cli.run("topics", "create", "configurable");
    cli.runWithInput(
        "a\nb\nc\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "produce", "configurable");

    Result altered =
        cli.run(
            "topics",
            "alter-config",
            "configurable",
            "--set",
            "retention_ms=86400000",
            "--set",
            "cleanup_policy=compact",
            "-o",
            "json");
    assertThat(altered.exitCode()).isZero();
    assertThat(altered.out())
        .contains("\"cleanup_policy\" : \"compact\"")
        .contains("\"retention_ms\" : \"86400000\"");

    Result removed =
        cli.run("topics", "alter-config", "configurable", "--delete", "cleanup_policy");
    assertThat(removed.exitCode()).isZero();
    assertThat(removed.out()).doesNotContain("compact").contains("retention_ms");

    Result described = cli.run("topics", "describe", "configurable", "-o", "json");
    assertThat(described.out()).contains("\"retention_ms\" : \"86400000\"");
    // The reopened log still serves what was written before the change.
    Result consumed = cli.run("consume", "configurable", "--from", "earliest", "--count", "3");
    assertThat(consumed.out()).isEqualTo("a\nb\nc\n");
  }

  @Test
  void shouldRefuseAnUnknownConfigWithTheAcceptedKeys() {
    cli.run("topics", "create", "strict");
    Result result = cli.run("topics", "alter-config", "strict", "--set", "retention.ms=1000");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("retention.ms").contains("hint: ");
    assertThat(cli.run("topics", "alter-config", "strict").exitCode()).isEqualTo(2);
  }

  @Test
  void shouldTakeTheAddressFromTheFlagBeforeOrAfterTheSubcommand() {
    CliRunner noEnv = new CliRunner(null, cli.configFile());
    assertThat(noEnv.run("-a", broker.bootstrap(), "topics", "list").exitCode()).isZero();
    assertThat(noEnv.run("topics", "list", "--addr", broker.bootstrap()).exitCode()).isZero();
    Result unreachable = noEnv.run("topics", "list", "--addr", "127.0.0.1:1");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("error: ").contains("hint: ");
  }
}
