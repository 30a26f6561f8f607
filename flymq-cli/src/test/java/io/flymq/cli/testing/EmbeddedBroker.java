package io.flymq.cli.testing;

import io.flymq.server.Broker;
import io.flymq.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real broker in this JVM for CLI tests (a copy of the client tests' one): loopback only, a
 * random free client port that stays the same across {@link #restart()} (so clients can reconnect),
 * a temporary data directory deleted by {@link #close()}.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private final Path dataDir;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private Broker broker;

  private EmbeddedBroker(Path dataDir, Map<String, String> extra) {
    this.dataDir = dataDir;
    settings.put("bind_addr", "127.0.0.1:" + freePort());
    settings.put("cluster.addr", "127.0.0.1:" + freePort());
    settings.putAll(extra);
  }

  /** Starts a broker with default settings. */
  public static EmbeddedBroker start() throws IOException {
    return start(Map.of());
  }

  /** Starts a broker with these config keys set (e.g. "storage.sync" = "always"). */
  public static EmbeddedBroker start(Map<String, String> settings) throws IOException {
    EmbeddedBroker embedded =
        new EmbeddedBroker(Files.createTempDirectory("flymq-cli-it"), settings);
    embedded.broker = Broker.start(embedded.config());
    return embedded;
  }

  private ServerConfig config() {
    ServerConfig.Builder builder = ServerConfig.builder().dataDir(dataDir);
    settings.forEach(builder::set);
    return builder.build();
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrap() {
    return "127.0.0.1:" + broker.address().getPort();
  }

  /** Stops the broker (clean shutdown); clients see their connection close. */
  public void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** Starts it again on the same port and data directory after {@link #stop()}. */
  public void startAgain() throws IOException {
    broker = Broker.start(config());
  }

  /** Stops and starts the broker. */
  public void restart() throws IOException {
    stop();
    startAgain();
  }

  @Override
  public void close() throws IOException {
    stop();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
