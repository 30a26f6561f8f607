package io.flymq.server.network;

import io.flymq.server.handler.RequestRouter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listener: a Netty server speaking the FlyMQ protocol (v1 and v2) on one address. Each
 * connection gets its own frame decoder and connection handler; a misbehaving client only ever
 * closes its own connection.
 *
 * <p>{@link #close()} stops accepting, waits (bounded) for in-flight requests to finish, then
 * closes the connections and the event loops. Thread-safe.
 */
public final class BrokerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BrokerServer.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel serverChannel;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final InflightTracker tracker = new InflightTracker();
  private final Transport transport;

  /** Settings of the listener. */
  public record Settings(
      InetSocketAddress bindAddress,
      int maxFrameBytes,
      int maxInflightPerConnection,
      boolean zeroCopy,
      int workerThreads) {}

  private BrokerServer(Settings settings, RequestRouter router) throws InterruptedException {
    this.transport = Transport.best();
    this.boss = transport.newGroup(1, "flymq-accept");
    this.workers = transport.newGroup(settings.workerThreads(), "flymq-network");
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    connections.add(channel);
                    channel
                        .pipeline()
                        .addLast("frames", new FrameDecoderHandler(settings.maxFrameBytes()))
                        .addLast(
                            "requests",
                            new ConnectionHandler(
                                router,
                                settings.maxInflightPerConnection(),
                                settings.zeroCopy(),
                                tracker));
                  }
                });
    this.serverChannel = bootstrap.bind(settings.bindAddress()).sync().channel();
  }

  /**
   * Binds the listener.
   *
   * @throws java.io.IOException (as thrown by Netty) when the address cannot be bound
   */
  public static BrokerServer start(Settings settings, RequestRouter router)
      throws InterruptedException {
    return new BrokerServer(settings, router);
  }

  /** The bound address (with the real port when 0 was asked for). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  public Transport transport() {
    return transport;
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    try {
      if (!tracker.awaitDrained(DRAIN_TIMEOUT)) {
        log.warn(
            "{} requests still in flight after {}; closing connections anyway",
            tracker.inflight(),
            DRAIN_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connections.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
