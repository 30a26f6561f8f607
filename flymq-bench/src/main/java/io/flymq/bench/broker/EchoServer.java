package io.flymq.bench.broker;

import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.server.network.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The baseline for v1 round trips: a bare Netty server on loopback that answers every v1 frame with
 * one fixed frame the size of a v1 PRODUCE response (a RecordMetadata for the same topic and record
 * size), so the client moves the same bytes as against the broker. Same transport (epoll where
 * available), thread counts and channel options as the broker's listener; no decoding, no storage,
 * no thread hand-off.
 */
final class EchoServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;
  private final ByteBuf response;

  /**
   * @param topic the topic of the response
   * @param recordSize the value size of the response
   */
  EchoServer(String topic, int recordSize) throws InterruptedException {
    Transport transport = Transport.best();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.boss = transport.newGroup(1, "echo-accept");
    this.workers = transport.newGroup(threads, "echo-io");
    RecordMetadata metadata =
        new RecordMetadata(Opcode.PRODUCE, topic, 0, 0, System.currentTimeMillis(), -1, recordSize);
    ByteBuffer frame = MessageCodec.encodeResponse(FrameHeader.v1(Opcode.PRODUCE, 1, 0), metadata);
    this.response = Unpooled.directBuffer(frame.remaining()).writeBytes(frame);
    // Each write releases its view; the buffer itself is released by close().
    ChannelHandler answer = new Answer(Unpooled.unreleasableBuffer(response));
    this.channel =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(32 << 20, 4, 4), answer);
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    response.release();
  }

  /** Writes the fixed response for every whole frame. */
  @ChannelHandler.Sharable
  private static final class Answer extends SimpleChannelInboundHandler<ByteBuf> {
    private final ByteBuf response;

    Answer(ByteBuf response) {
      this.response = response;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf request) {
      ctx.writeAndFlush(response.duplicate());
    }
  }
}
