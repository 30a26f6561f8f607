package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.client.testing.Certificates;
import io.flymq.client.testing.TlsProxy;
import io.flymq.server.testing.TestBroker;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthDoctorIT {
  private static TestBroker broker;
  private CliRunner cli;
  @TempDir Path home;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @BeforeEach
  void runner() {
    cli = new CliRunner(broker.bootstrap(), home.resolve("config.yaml"));
  }

  @Test
  void shouldReportLiveAndReady() {
    Result live = cli.run("health", "live");
    assertThat(live.exitCode()).isZero();
    assertThat(live.out()).contains("status      ok\n").contains("check       live\n");

    Result ready = cli.run("health", "ready", "-o", "json");
    assertThat(ready.exitCode()).isZero();
    assertThat(ready.out())
        .contains("\"status\" : \"ok\"", "\"check\" : \"ready\"", "\"topics\" :");
  }

  @Test
  void shouldExitOneWhenTheBrokerIsAway() {
    Result result = cli.run("health", "live", "--addr", "127.0.0.1:1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: ").contains("hint: ");
  }

  @Test
  void shouldFindNothingWrongWithAHealthyBroker() {
    Result result = cli.run("doctor", "-o", "json");

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out())
        .contains("\"check\" : \"reachable\",\n  \"status\" : \"ok\"")
        .contains("\"check\" : \"tls\",\n  \"status\" : \"ok\"")
        .contains("\"check\" : \"handshake\",\n  \"status\" : \"ok\"")
        .contains("\"check\" : \"metadata\",\n  \"status\" : \"ok\"")
        .contains("\"check\" : \"clock\",\n  \"status\" : \"ok\"")
        .contains("skipped: single broker")
        .doesNotContain("flymq-doctor-");
    assertThat(cli.run("topics", "list", "-o", "json").out()).doesNotContain("flymq-doctor");
  }

  @Test
  void shouldExplainAnUnreachableAddressWithAFix() {
    Result result = cli.run("doctor", "--addr", "127.0.0.1:1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .containsPattern("reachable +fail")
        .contains("nothing answers at 127.0.0.1:1")
        .contains("start the broker (bin/flymq)")
        .containsPattern("handshake +skip");
  }

  @Test
  void shouldExplainAHostThatDoesNotResolve() {
    Result result = cli.run("doctor", "--addr", "no-such-host.invalid:9092", "-o", "json");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("does not resolve").contains("check the spelling and DNS");
  }

  @Test
  void shouldExplainTlsMismatchesBothWays() throws Exception {
    Path identity = Certificates.identity(home, "broker");
    Path caPem = Certificates.certificatePem(home, identity, "broker");
    InetSocketAddress target =
        new InetSocketAddress("127.0.0.1", Integer.parseInt(broker.bootstrap().split(":")[1]));
    try (TlsProxy proxy = new TlsProxy(target, identity, Certificates.PASSWORD, null)) {
      String tlsAddr = proxy.bootstrap();

      Result plainToTls = cli.run("doctor", "--addr", tlsAddr);
      assertThat(plainToTls.exitCode()).isEqualTo(1);
      assertThat(plainToTls.out())
          .contains("expects TLS, but the CLI connects in plain text")
          .contains("add --tls");

      Result tlsToPlain = cli.run("doctor", "--tls", "--tls-ca", caPem.toString());
      assertThat(tlsToPlain.exitCode()).isEqualTo(1);
      assertThat(tlsToPlain.out()).contains("answers in plain text").contains("drop --tls");

      Result insecureTls = cli.run("health", "live", "--addr", tlsAddr, "--insecure");
      assertThat(insecureTls.exitCode()).as(insecureTls.err()).isZero();
    }
  }
}
