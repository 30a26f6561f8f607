package io.flymq.bench.broker;

import io.flymq.server.Broker;
import io.flymq.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A broker in this JVM for the load tool: loopback only, random free ports, a temporary data
 * directory deleted by {@link #close()}. Segments are 128 MiB and each partition keeps about 512
 * MiB, so long runs do not fill the disk; {@code settings} may override any key. Public for the
 * perf tools' integration tests.
 */
public final class InProcessBroker implements AutoCloseable {
  private final Path dataDir;
  private final Map<String, String> settings;
  private final Broker broker;

  private InProcessBroker(Path dataDir, Map<String, String> settings, Broker broker) {
    this.dataDir = dataDir;
    this.settings = settings;
    this.broker = broker;
  }

  public static InProcessBroker start(String sync, Map<String, String> overrides)
      throws IOException {
    Path dataDir = Files.createTempDirectory("flymq-load");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("bind_addr", "127.0.0.1:0");
    settings.put("cluster.addr", "127.0.0.1:" + freePort());
    settings.put("storage.sync", sync);
    settings.put("segment_bytes", String.valueOf(128 << 20));
    settings.put("retention_bytes", String.valueOf(512L << 20));
    settings.putAll(overrides);
    ServerConfig.Builder builder = ServerConfig.builder().dataDir(dataDir);
    settings.forEach(builder::set);
    try {
      return new InProcessBroker(dataDir, settings, Broker.start(builder.build()));
    } catch (IOException | RuntimeException e) {
      delete(dataDir);
      throw e;
    }
  }

  public InetSocketAddress address() {
    return broker.address();
  }

  /** The config keys the broker was started with (data_dir aside). */
  Map<String, String> settings() {
    return settings;
  }

  @Override
  public void close() throws IOException {
    try {
      broker.close();
    } finally {
      delete(dataDir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** A loopback port free right now (the metadata quorum needs a real port, not 0). */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
