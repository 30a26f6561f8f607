package io.flymq.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerFlagsTest {
  @Test
  void shouldParseEveryFlagWithOneOrTwoDashes() {
    ServerFlags flags =
        ServerFlags.parse(
            "-config", "/etc/flymq.yaml", "--human-readable", "-quiet", "--version", "-help");

    assertThat(flags)
        .isEqualTo(
            new ServerFlags(
                java.util.Optional.of(Path.of("/etc/flymq.yaml")), true, true, true, true));
    assertThat(ServerFlags.parse("--config=/x.json").configFile()).contains(Path.of("/x.json"));
    assertThat(ServerFlags.parse("-h").printHelp()).isTrue();
  }

  @Test
  void shouldReturnNoFlagsForAnEmptyCommandLine() {
    assertThat(ServerFlags.parse()).isEqualTo(ServerFlags.none());
    assertThat(ServerFlags.none().overrides()).isEmpty();
  }

  @Test
  void shouldAcceptGoStyleBooleanValues() {
    assertThat(ServerFlags.parse("-quiet=false").quiet()).isFalse();
    assertThat(ServerFlags.parse("-quiet=true").quiet()).isTrue();
    assertThatThrownBy(() -> ServerFlags.parse("-quiet=maybe"))
        .isInstanceOf(UsageException.class)
        .hasMessage("-quiet: maybe (expected: true or false)");
  }

  @Test
  void shouldTurnLogFlagsIntoOverrides() {
    assertThat(ServerFlags.parse("-human-readable", "-quiet").overrides())
        .isEqualTo(Map.of("log_json", "false", "log_level", "warn"));
  }

  @Test
  void shouldRejectAnUnknownFlagWithExitCodeTwoAndAOneLineHint() {
    UsageException e =
        catchThrowableOfType(UsageException.class, () -> ServerFlags.parse("-confg", "x.yaml"));

    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.getMessage())
        .isEqualTo(
            "flag provided but not defined: -confg (did you mean -config? run `flymq -help` for the flags)")
        .doesNotContain("\n");
  }

  @Test
  void shouldRejectAMissingConfigValueAndPositionalArguments() {
    assertThatThrownBy(() -> ServerFlags.parse("-config"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("flag needs an argument: -config");
    assertThatThrownBy(() -> ServerFlags.parse("flymq.yaml"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("unexpected argument: flymq.yaml");
  }

  @Test
  void shouldPrintUsageWithAnExampleAndTheMainKeys() {
    String usage = ServerFlags.usage();

    assertThat(usage)
        .startsWith("Usage: flymq [flags]")
        .contains("-config FILE", "-human-readable", "-quiet", "-version", "-help")
        .contains("Examples:", "flymq -config /etc/flymq/flymq.yaml")
        .containsPattern("bind_addr +FLYMQ_BIND_ADDR +:9092")
        .containsPattern("performance.acks +FLYMQ_ACKS +leader")
        .containsPattern("storage.sync +FLYMQ_STORAGE_SYNC +from performance.acks")
        .contains("FLYMQ_ENCRYPTION_KEY");
    for (ConfigKey<?> key : ConfigKeys.all()) {
      if (key.isMain()) {
        assertThat(usage).contains(key.name());
      }
    }
  }

  @Test
  void shouldReportAVersion() {
    // Classes run from target/classes have no manifest, so the fallback shows here.
    assertThat(ServerFlags.version()).isNotBlank();
  }
}
