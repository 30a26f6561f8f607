package io.flymq.cli.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/flymq-cli} as a real process against {@code bin/flymq} (random loopback ports, a
 * temporary data directory): the pipe from {@code seq}, exit codes, and Ctrl-C (SIGINT) on a
 * subscriber, which must commit and exit 0. Kills only the processes it started.
 */
class ScriptSmokeIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final int RECORDS = 5_000;

  @TempDir Path dir;
  private Process broker;
  private String addr;

  @BeforeEach
  void startBroker() throws Exception {
    int port = freePort();
    addr = "127.0.0.1:" + port;
    ProcessBuilder builder =
        new ProcessBuilder(ROOT.resolve("bin/flymq").toString(), "-quiet")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("broker.log").toFile());
    builder.environment().put("FLYMQ_BIND_ADDR", addr);
    builder.environment().put("FLYMQ_CLUSTER_ADDR", "127.0.0.1:" + freePort());
    builder.environment().put("FLYMQ_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("FLYMQ_JAVA_OPTS", "-Xmx256m");
    broker = builder.start();
    awaitPort(port, Duration.ofSeconds(120));
  }

  @AfterEach
  void stopBroker() throws Exception {
    if (broker != null) {
      broker.destroy();
      if (!broker.waitFor(30, TimeUnit.SECONDS)) {
        broker.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void shouldPipeSeqThroughTheRealScripts() throws Exception {
    assertThat(cli("topics", "create", "smoke").exitCode).isZero();

    Run produced = shell("seq 1 " + RECORDS + " | " + script() + " produce smoke");
    assertThat(produced.exitCode).as(produced.err).isZero();

    Run consumed =
        cli("consume", "smoke", "--from", "earliest", "--count", "" + RECORDS, "--format", "%v\\n");
    assertThat(consumed.exitCode).as(consumed.err).isZero();
    assertThat(consumed.out)
        .isEqualTo(
            IntStream.rangeClosed(1, RECORDS)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining("\n", "", "\n")));
  }

  @Test
  void shouldExitWithTheDocumentedCodes() throws Exception {
    Run usage = cli("consume");
    assertThat(usage.exitCode).isEqualTo(2);
    assertThat(usage.err).contains("error: Missing required parameter: 'TOPIC'");

    Run brokerError = cli("topics", "describe", "missing");
    assertThat(brokerError.exitCode).isEqualTo(1);
    assertThat(brokerError.err).contains("error: ").contains("hint: ");

    Run groups = cli("groups", "describe", "nobody");
    assertThat(groups.exitCode).isEqualTo(1);
    assertThat(groups.err).contains("consumer group not found: :nobody").contains("hint: ");

    assertThat(cli("health", "ready").exitCode).isZero();
  }

  @Test
  void shouldCommitAndExitZeroOnSigint() throws Exception {
    cli("topics", "create", "sigint");
    shell("seq 1 10 | " + script() + " produce sigint");
    Path out = dir.resolve("subscribe.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                script(), "subscribe", "sigint", "--group", "smokers", "--from", "earliest")
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("subscribe.err").toFile());
    environment(builder.environment());
    Process subscriber = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Files.readString(out).split("\n").length < 10 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(subscriber.pid())).start().waitFor();
      assertThat(subscriber.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(subscriber.exitValue())
          .as(Files.readString(dir.resolve("subscribe.err")))
          .isZero();
    } finally {
      subscriber.destroyForcibly();
    }
    assertThat(Files.readString(out)).isEqualTo("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
    Run lag = cli("groups", "lag", "sigint", "--group", "smokers", "-o", "json");
    assertThat(lag.out).contains("\"committed_offset\" : 10").contains("\"total_lag\" : 0");
  }

  private record Run(int exitCode, String out, String err) {}

  private Run cli(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(script());
    command.addAll(List.of(args));
    return run(new ProcessBuilder(command));
  }

  private Run shell(String line) throws Exception {
    return run(new ProcessBuilder("bash", "-c", line));
  }

  private Run run(ProcessBuilder builder) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    environment(builder.environment());
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + builder.command());
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private void environment(Map<String, String> env) {
    env.put("FLYMQ_ADDR", addr);
    env.put("FLYMQ_CONFIG", dir.resolve("config.yaml").toString());
  }

  private static String script() {
    return ROOT.resolve("bin/flymq-cli").toString();
  }

  private void awaitPort(int port, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!broker.isAlive()) {
        throw new AssertionError(
            "bin/flymq exited: " + Files.readString(dir.resolve("broker.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("bin/flymq did not listen on " + port + " within " + timeout);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
