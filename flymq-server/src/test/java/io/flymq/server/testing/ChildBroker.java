package io.flymq.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker in a child JVM ({@code java -jar flymq-server.jar}, as bin/flymq runs it) on loopback
 * ports and a data directory of the caller's choosing, configured through FLYMQ_* variables. Its
 * output goes to a log file the test can read. For crash tests: stop it with SIGTERM or SIGKILL.
 */
public final class ChildBroker implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 60_000;
  private final Process process;
  private final Path logFile;
  private final InetSocketAddress address;

  private ChildBroker(Process process, Path logFile, InetSocketAddress address) {
    this.process = process;
    this.logFile = logFile;
    this.address = address;
  }

  /** The packaged broker jar: target/flymq-server.jar of the flymq-server module. */
  public static Path jar() {
    for (Path candidate :
        List.of(
            Path.of("target", "flymq-server.jar"),
            Path.of("flymq-server", "target", "flymq-server.jar"))) {
      if (Files.isRegularFile(candidate) && Files.isDirectory(candidate.resolveSibling("lib"))) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "flymq-server/target/flymq-server.jar (with target/lib) is missing under "
            + Path.of("").toAbsolutePath()
            + "; build it first: ./mvnw -pl flymq-server -am package -DskipTests");
  }

  /**
   * Starts the broker and waits until its client port accepts connections.
   *
   * @param env extra FLYMQ_* variables (e.g. FLYMQ_ACKS)
   */
  public static ChildBroker start(
      Path dataDir, int clientPort, Map<String, String> env, Path logFile)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Xmx256m",
            "-jar",
            jar().toString(),
            "-human-readable"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("FLYMQ_"));
    builder.environment().put("FLYMQ_BIND_ADDR", "127.0.0.1:" + clientPort);
    builder.environment().put("FLYMQ_CLUSTER_ADDR", "127.0.0.1:" + TestBroker.freePort());
    builder.environment().put("FLYMQ_DATA_DIR", dataDir.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    ChildBroker child =
        new ChildBroker(
            process, logFile, new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort));
    try {
      child.awaitListening();
    } catch (IOException | RuntimeException | InterruptedException e) {
      child.close();
      throw e;
    }
    return child;
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "broker exited with " + process.exitValue() + " before listening:\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(address, 1_000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "broker not listening on " + address + " after " + START_TIMEOUT_MS + " ms:\n" + log());
  }

  public InetSocketAddress address() {
    return address;
  }

  public WireClient connect() throws IOException {
    return WireClient.connect(address);
  }

  /** SIGTERM, then waits (bounded) for the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    return awaitExit();
  }

  /** SIGKILL, then waits (bounded) for the exit code. */
  public int kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    return awaitExit();
  }

  private int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.toHandle().destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("broker did not exit within 60 s:\n" + log());
    }
    return process.exitValue();
  }

  /** Everything the broker printed so far. */
  public String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.toHandle().destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
