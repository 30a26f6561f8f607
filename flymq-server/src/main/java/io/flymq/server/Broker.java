package io.flymq.server;

import io.flymq.protocol.DialectMode;
import io.flymq.server.config.ServerConfig;
import io.flymq.server.group.GroupCoordinator;
import io.flymq.server.group.OffsetStore;
import io.flymq.server.handler.ApiVersionsHandler;
import io.flymq.server.handler.ConsumeHandlers;
import io.flymq.server.handler.FetchBatchesHandler;
import io.flymq.server.handler.FetchWaiters;
import io.flymq.server.handler.GroupAdminHandlers;
import io.flymq.server.handler.MembershipHandlers;
import io.flymq.server.handler.OffsetHandlers;
import io.flymq.server.handler.ProduceHandlers;
import io.flymq.server.handler.RequestRouter;
import io.flymq.server.handler.TopicHandlers;
import io.flymq.server.handler.Topics;
import io.flymq.server.network.BrokerServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running FlyMQ broker: the runtime (data, metadata, logs), the request handlers and the client
 * listener. {@link #close()} shuts down in the safe order: stop accepting and drain in-flight
 * requests, then flush and close the logs (clean-shutdown markers), then the metadata.
 *
 * <p>Thread-safe; close is idempotent.
 */
public final class Broker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Broker.class);

  private final BrokerRuntime runtime;
  private final BrokerServer server;
  private final ExecutorService readers;
  private final ScheduledExecutorService timer;
  private final FetchWaiters waiters;
  private final GroupCoordinator coordinator;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Broker(
      BrokerRuntime runtime,
      BrokerServer server,
      ExecutorService readers,
      ScheduledExecutorService timer,
      FetchWaiters waiters,
      GroupCoordinator coordinator) {
    this.runtime = runtime;
    this.server = server;
    this.readers = readers;
    this.timer = timer;
    this.waiters = waiters;
    this.coordinator = coordinator;
  }

  /**
   * Starts a broker with {@code config}.
   *
   * @throws IOException when the data directory, metadata or listener cannot be opened
   */
  public static Broker start(ServerConfig config) throws IOException {
    Clock clock = Clock.systemUTC();
    BrokerRuntime runtime = BrokerRuntime.start(config, clock);
    ExecutorService readers =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("flymq-fetch"));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(daemon("flymq-fetch-timer"));
    try {
      // Committed offsets are read back before the listener opens: a consumer never sees them
      // missing.
      OffsetStore offsets =
          OffsetStore.open(
              runtime.metadata(),
              runtime.partitions(),
              runtime::logsUpToDate,
              clock,
              Duration.ofSeconds(30));
      FetchWaiters waiters = new FetchWaiters(timer);
      Topics topics =
          new Topics(
              runtime.metadata(),
              runtime.partitions(),
              runtime::logsUpToDate,
              config.autoCreateTopics(),
              config.defaultPartitions());
      // On one broker it leads every __consumer_offsets partition, so it coordinates every group.
      GroupCoordinator coordinator =
          new GroupCoordinator(offsets, topic -> partitionCount(topics, topic), clock);
      // Sweeps are a few map reads per group: the fetch timer thread has room for them.
      coordinator.startSweeper(timer);
      RequestRouter router = routes(config, topics, readers, waiters, offsets, coordinator);
      InetSocketAddress bind = config.bindAddr().toSocketAddress();
      boolean zeroCopy = !config.tls().enabled() && !config.encryption().enabled();
      BrokerServer server =
          BrokerServer.start(
              new BrokerServer.Settings(
                  bind,
                  config.maxFrameBytes(),
                  config.maxInflightRequestsPerConnection(),
                  zeroCopy,
                  Math.max(2, Runtime.getRuntime().availableProcessors())),
              router);
      Broker broker = new Broker(runtime, server, readers, timer, waiters, coordinator);
      log.info(
          "FlyMQ broker listening on {} ({} transport); data in {}; {}",
          server.localAddress(),
          server.transport(),
          config.dataDir().toAbsolutePath(),
          durability(config));
      return broker;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      readers.shutdownNow();
      timer.shutdownNow();
      runtime.close();
      throw new IOException("interrupted while starting", e);
    } catch (IOException | RuntimeException e) {
      readers.shutdownNow();
      timer.shutdownNow();
      runtime.close();
      throw e;
    }
  }

  private static OptionalInt partitionCount(Topics topics, String topic) {
    return topics
        .find(topic)
        .map(meta -> OptionalInt.of(meta.partitionCount()))
        .orElseGet(OptionalInt::empty);
  }

  private static RequestRouter routes(
      ServerConfig config,
      Topics topics,
      ExecutorService readers,
      FetchWaiters waiters,
      OffsetStore offsets,
      GroupCoordinator coordinator) {
    RequestRouter router = new RequestRouter();
    new TopicHandlers(topics).register(router);
    new ProduceHandlers(topics, waiters::appended).register(router);
    new FetchBatchesHandler(topics, waiters, readers).register(router);
    new ConsumeHandlers(topics, readers).register(router);
    new OffsetHandlers(topics, offsets, readers, config.protocol().v1SubscribePrefersCommit())
        .register(router);
    new MembershipHandlers(coordinator).register(router);
    new GroupAdminHandlers(
            topics,
            offsets,
            coordinator,
            DialectMode.fromConfig(config.protocol().v1Dialect().name()),
            BrokerRuntime.nodeId(config))
        .register(router);
    new ApiVersionsHandler(config.maxFrameBytes()).register(router);
    return router;
  }

  /** The durability mode in one line, for the startup log (operators ask this first). */
  static String durability(ServerConfig config) {
    var log = config.logConfig();
    return switch (log.syncMode()) {
      case ALWAYS ->
          "durability: storage.sync=always (fsync before every acknowledgement, group commit)";
      case INTERVAL ->
          "durability: storage.sync=interval (fsync every " + log.syncIntervalMs() + " ms)";
      case NEVER ->
          "durability: storage.sync=never (page cache only; data since the last segment roll can be lost on power failure)";
    };
  }

  public InetSocketAddress address() {
    return server.localAddress();
  }

  public BrokerRuntime runtime() {
    return runtime;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("FlyMQ broker stopping: no new connections, draining requests");
    waiters.wakeAll();
    server.close();
    coordinator.close();
    timer.shutdownNow();
    readers.shutdown();
    try {
      readers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runtime.close();
    log.info("FlyMQ broker stopped cleanly");
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
