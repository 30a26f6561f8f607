package io.flymq.server;

import io.flymq.server.config.ServerConfig;
import io.flymq.server.log.PartitionManager;
import io.flymq.server.metadata.MetadataConfig;
import io.flymq.server.metadata.MetadataImage;
import io.flymq.server.metadata.MetadataService;
import io.flymq.server.metadata.RaftMetadataService;
import io.flymq.storage.crypto.EncryptionKey;
import io.flymq.storage.crypto.KeyCheck;
import io.flymq.storage.log.LogIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's state below the network: the data directory, the metadata state machine on Ratis,
 * and the partition logs kept in step with it. Started before the listener accepts connections and
 * closed after it stops.
 *
 * <p>Thread-safe.
 */
public final class BrokerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BrokerRuntime.class);

  private final ServerConfig config;
  private final LogIo io;
  private final MetadataService metadata;
  private final PartitionManager partitions;

  /** Applies metadata changes to the logs off Ratis's apply thread, one at a time, in order. */
  private final ExecutorService reconciler;

  private BrokerRuntime(
      ServerConfig config, LogIo io, MetadataService metadata, PartitionManager partitions) {
    this.config = config;
    this.io = io;
    this.metadata = metadata;
    this.partitions = partitions;
    this.reconciler =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "flymq-log-reconciler");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** This broker's node id: {@code cluster.node_id}, or {@code node-0} when it is not set. */
  public static String nodeId(ServerConfig config) {
    String configured = config.cluster().nodeId();
    return configured.isBlank() ? "node-0" : configured;
  }

  /**
   * Opens the data directory (checking the encryption key), starts the metadata state machine and
   * opens every partition log it lists.
   *
   * @throws IOException when the data directory or the metadata cannot be opened
   */
  public static BrokerRuntime start(ServerConfig config, Clock clock) throws IOException {
    Path dataDir = Files.createDirectories(config.dataDir());
    Optional<EncryptionKey> key =
        config.encryption().enabled() ? config.encryption().key() : Optional.empty();
    if (key.isPresent()) {
      KeyCheck.verifyOrCreate(dataDir, key.get());
    } else {
      KeyCheck.verifyUnencrypted(dataDir);
    }
    LogIo io = LogIo.create();
    MetadataService metadata = null;
    PartitionManager partitions = null;
    try {
      metadata = new RaftMetadataService(metadataConfig(config), clock);
      metadata.start();
      partitions =
          new PartitionManager(dataDir.resolve("logs"), io, config.logConfig(), key, clock);
      BrokerRuntime runtime = new BrokerRuntime(config, io, metadata, partitions);
      runtime.reconcile(metadata.image());
      metadata.addListener((before, after) -> runtime.reconcileLater(after));
      return runtime;
    } catch (IOException | RuntimeException e) {
      closeQuietly(partitions);
      closeQuietly(metadata);
      io.close();
      throw e;
    }
  }

  private static MetadataConfig metadataConfig(ServerConfig config) {
    ServerConfig.Cluster cluster = config.cluster();
    return MetadataConfig.builder()
        .nodeId(nodeId(config))
        .metadataDir(MetadataConfig.metadataDirOf(config.dataDir()))
        .host(cluster.addr().anyHost() ? "0.0.0.0" : cluster.addr().host())
        .port(cluster.addr().port())
        .build();
  }

  public ServerConfig config() {
    return config;
  }

  public MetadataService metadata() {
    return metadata;
  }

  public PartitionManager partitions() {
    return partitions;
  }

  private void reconcileLater(MetadataImage image) {
    reconciler.execute(
        () -> {
          try {
            reconcile(metadata.image());
          } catch (IOException | RuntimeException e) {
            log.error(
                "could not apply metadata version {} to the partition logs", image.version(), e);
          }
        });
  }

  private void reconcile(MetadataImage image) throws IOException {
    partitions.reconcile(
        image.topics().values().stream()
            .map(t -> new PartitionManager.TopicSpec(t.name(), t.partitionCount(), t.configs()))
            .toList());
  }

  /**
   * Completes once the logs reflect everything the metadata has applied so far (a topic just
   * created is then writable). Never blocks the caller.
   */
  public java.util.concurrent.CompletableFuture<Void> logsUpToDate() {
    return java.util.concurrent.CompletableFuture.runAsync(
        () -> {
          try {
            reconcile(metadata.image());
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        reconciler);
  }

  /** Flushes and closes the logs (clean-shutdown markers), then the metadata. */
  @Override
  public void close() {
    reconciler.shutdown();
    try {
      reconciler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    partitions.close();
    closeQuietly(metadata);
    io.close();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("error while closing {}: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }
}
