package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.server.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileIT {
  private static TestBroker broker;
  @TempDir Path home;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void shouldConnectThroughTheCurrentProfile() throws Exception {
    Path config = home.resolve("config.yaml");
    CliRunner cli = new CliRunner(null, config);

    Result created = cli.run("profile", "create", "local", "--addr", broker.bootstrap());
    assertThat(created.exitCode()).isZero();
    assertThat(created.out()).contains("current  true");
    assertThat(Files.readString(config))
        .isEqualTo(
            "current_profile: local\nprofiles:\n  local:\n    addr: " + broker.bootstrap() + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");

    assertThat(cli.run("topics", "create", "via-profile").exitCode()).isZero();
    assertThat(cli.run("health", "ready").exitCode()).isZero();
  }

  @Test
  void shouldLetFlagsAndEnvironmentOverrideTheProfile() {
    CliRunner cli = new CliRunner(null, home.resolve("config.yaml"));
    cli.run("profile", "create", "broken", "--addr", "127.0.0.1:1", "--use");

    assertThat(cli.run("health", "live").exitCode()).isEqualTo(1);
    assertThat(cli.run("health", "live", "--addr", broker.bootstrap()).exitCode()).isZero();
    cli.env("FLYMQ_ADDR", broker.bootstrap());
    assertThat(cli.run("health", "live").exitCode()).isZero();
  }

  @Test
  void shouldSwitchListAndDeleteProfiles() {
    CliRunner cli = new CliRunner(null, home.resolve("config.yaml"));
    cli.run("profile", "create", "a", "--addr", "a:9092");
    cli.run(
        "profile",
        "create",
        "b",
        "--addr",
        "b:9092",
        "--username",
        "ops",
        "--password-env",
        "B_PASSWORD",
        "--tls");

    assertThat(cli.run("profile", "use", "b").out()).isEqualTo("using profile b\n");
    Result listed = cli.run("profile", "list");
    assertThat(listed.out())
        .contains("NAME  CURRENT  ADDR    USERNAME  PASSWORD-ENV  TLS\n")
        .contains("a     false    a:9092  -         -             false\n")
        .contains("b     true     b:9092  ops       B_PASSWORD    true\n");

    Result missing = cli.run("profile", "use", "c");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("profile 'c' does not exist").contains("hint: create it");

    assertThat(cli.run("profile", "delete", "b").exitCode()).isZero();
    assertThat(cli.run("profile", "list", "-o", "json").out()).doesNotContain("\"b\"");
  }

  @Test
  void shouldNeverWriteAPassword() throws Exception {
    Path config = home.resolve("config.yaml");
    CliRunner cli = new CliRunner(null, config);

    Result refused = cli.run("profile", "create", "p", "--addr", "x:1", "--password", "secret");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("profiles never store passwords").contains("--password-env");
    assertThat(config).doesNotExist();
  }

  @Test
  void shouldSayWhenTheProfilesPasswordVariableIsNotSet() {
    CliRunner cli = new CliRunner(null, home.resolve("config.yaml"));
    cli.run(
        "profile",
        "create",
        "p",
        "--addr",
        broker.bootstrap(),
        "--username",
        "u",
        "--password-env",
        "P_PASSWORD");

    Result result = cli.run("topics", "list");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("reads it from $P_PASSWORD, which is not set");
  }

  @Test
  void shouldRejectAnUnknownProfile() {
    CliRunner cli = new CliRunner(null, home.resolve("config.yaml"));

    Result result = cli.run("topics", "list", "--profile", "nope");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("profile: 'nope' is not in");
  }
}
