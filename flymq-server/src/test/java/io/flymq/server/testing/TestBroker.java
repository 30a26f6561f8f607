package io.flymq.server.testing;

import io.flymq.server.Broker;
import io.flymq.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real broker in this JVM for integration tests (the server's, and through the server's test-jar
 * the client's and the CLI's): loopback only, random free ports that stay the same across {@link
 * #restart()} (so clients reconnect), a temporary data directory (kept across restarts, deleted by
 * {@link #close()}).
 */
public final class TestBroker implements AutoCloseable {
  private final Path dataDir;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private Broker broker;

  private TestBroker(Path dataDir, Consumer<Map<String, String>> customize) {
    this.dataDir = dataDir;
    settings.put("bind_addr", "127.0.0.1:" + freePort());
    settings.put("cluster.addr", "127.0.0.1:" + freePort());
    customize.accept(settings);
  }

  /**
   * Starts a broker with defaults (plus {@code customize}'s config keys, e.g. "performance.acks").
   */
  public static TestBroker start(Consumer<Map<String, String>> customize) throws IOException {
    TestBroker test = new TestBroker(Files.createTempDirectory("flymq-broker"), customize);
    test.broker = Broker.start(test.config());
    return test;
  }

  public static TestBroker start() throws IOException {
    return start(settings -> {});
  }

  /** The config this broker runs with. */
  public ServerConfig config() {
    ServerConfig.Builder builder = ServerConfig.builder().dataDir(dataDir);
    settings.forEach(builder::set);
    return builder.build();
  }

  public InetSocketAddress address() {
    return broker.address();
  }

  /** {@code 127.0.0.1:<port>}, for a client's {@code bootstrap.servers}. */
  public String bootstrap() {
    return "127.0.0.1:" + address().getPort();
  }

  public Broker broker() {
    return broker;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A new v1/v2 wire client connected to this broker. */
  public WireClient connect() throws IOException {
    return WireClient.connect(address());
  }

  /** Stops the broker cleanly and starts it again on the same data directory and port. */
  public void restart() throws IOException {
    broker.close();
    broker = Broker.start(config());
  }

  @Override
  public void close() throws IOException {
    if (broker != null) {
      broker.close();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** A loopback port free right now (Ratis needs a real port, not 0). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
