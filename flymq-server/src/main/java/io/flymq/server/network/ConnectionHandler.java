package io.flymq.server.network;

import io.flymq.protocol.Message;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.FrameCodec;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.server.handler.ErrorMapping;
import io.flymq.server.handler.RequestContext;
import io.flymq.server.handler.RequestRouter;
import io.flymq.server.handler.Response;
import io.flymq.storage.log.LogSlice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the requests of one connection: decodes each frame's payload, routes it, and writes the
 * response when its future completes, on the channel's event loop.
 *
 * <p>Ordering: v1 has no correlation id, so v1 responses leave in request order (a finished
 * response waits for the ones before it). v2 responses leave as soon as they are ready, echoing the
 * request's correlation id, so a long-poll fetch never holds back a produce.
 *
 * <p>Backpressure: at most {@code maxInflight} requests per connection; beyond that the channel
 * stops reading until responses drain. All state is confined to the event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

  private final RequestRouter router;
  private final int maxInflight;
  private final boolean zeroCopy;
  private final InflightTracker tracker;

  /** v1 requests in arrival order, each with its response once ready. */
  private final ArrayDeque<Pending> v1Order = new ArrayDeque<>();

  private final Set<Integer> v2InFlight = new HashSet<>();
  private int inflight;
  private ChannelHandlerContext ctx;

  private static final class Pending {
    final FrameHeader header;
    Object response;

    Pending(FrameHeader header) {
      this.header = header;
    }
  }

  ConnectionHandler(
      RequestRouter router, int maxInflight, boolean zeroCopy, InflightTracker tracker) {
    this.router = router;
    this.maxInflight = maxInflight;
    this.zeroCopy = zeroCopy;
    this.tracker = tracker;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    InboundFrame frame = (InboundFrame) msg;
    FrameHeader header = frame.header();
    Pending pending = new Pending(header);
    if (header.version() == FrameHeader.V1) {
      v1Order.add(pending);
    } else if (!v2InFlight.add(header.correlationId())) {
      write(
          pending,
          ErrorResponse.of(
              ErrorCode.DUPLICATE_CORRELATION_ID,
              "duplicate correlation id: " + header.correlationId()));
      context.flush();
      return;
    }
    startRequest();
    CompletableFuture<Response> result;
    try {
      Message request = MessageCodec.decodeRequest(header, frame.payload());
      result =
          router.route(
              request, new RequestContext(context.channel().remoteAddress(), header.version()));
    } catch (ProtocolException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete(
        (response, error) -> {
          Object answer = error == null ? response : failure(error);
          if (context.executor().inEventLoop()) {
            finish(pending, answer);
          } else {
            context.executor().execute(() -> finish(pending, answer));
          }
        });
  }

  private static Object failure(Throwable error) {
    Throwable cause = ErrorMapping.unwrap(error);
    if (cause instanceof ProtocolException e) {
      return ErrorResponse.of(e);
    }
    return ErrorMapping.toResponse(cause);
  }

  private void startRequest() {
    inflight++;
    tracker.started();
    updateAutoRead();
  }

  /**
   * Reads only while this connection has room for another request and its unsent responses are
   * below the channel's high-water mark: a client that never reads cannot make the broker buffer
   * without bound.
   */
  private void updateAutoRead() {
    boolean read = inflight < maxInflight && ctx.channel().isWritable();
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    updateAutoRead();
    context.fireChannelWritabilityChanged();
  }

  private void finish(Pending pending, Object answer) {
    inflight--;
    tracker.finished();
    updateAutoRead();
    if (pending.header.version() == FrameHeader.V1) {
      pending.response = answer;
      while (!v1Order.isEmpty() && v1Order.peek().response != null) {
        Pending head = v1Order.poll();
        write(head, head.response);
      }
      ctx.flush();
    } else {
      v2InFlight.remove(pending.header.correlationId());
      write(pending, answer);
      ctx.flush();
    }
  }

  private void write(Pending pending, Object answer) {
    if (!ctx.channel().isActive()) {
      return;
    }
    try {
      if (answer instanceof Response.Parts parts) {
        writeParts(pending.header, parts);
        return;
      }
      Message message = answer instanceof Response.Of of ? of.message() : (Message) answer;
      ctx.write(Unpooled.wrappedBuffer(MessageCodec.encodeResponse(pending.header, message)));
    } catch (RuntimeException | IOException e) {
      log.error(
          "could not encode the response to {} from {}",
          pending.header,
          ctx.channel().remoteAddress(),
          e);
      ctx.write(
          Unpooled.wrappedBuffer(
              MessageCodec.encodeResponse(
                  pending.header,
                  ErrorResponse.of(ErrorCode.UNCLASSIFIED, "internal error: " + e))));
    }
  }

  /** Header, then each part: buffers as they are, file slices by sendfile (or copied under TLS). */
  private void writeParts(FrameHeader request, Response.Parts parts) throws IOException {
    long length = parts.length();
    if (length > Integer.MAX_VALUE) {
      throw new IOException("response too large: " + length);
    }
    FrameHeader header = request.responseHeader(parts.opcode(), (int) length);
    ByteBuffer headerBytes = ByteBuffer.allocate(header.headerBytes());
    FrameCodec.writeHeader(header, headerBytes);
    ctx.write(Unpooled.wrappedBuffer(headerBytes.flip()));
    for (Object part : parts.parts()) {
      if (part instanceof ByteBuffer buffer) {
        ctx.write(Unpooled.wrappedBuffer(buffer));
      } else {
        LogSlice.FileSlice slice = (LogSlice.FileSlice) part;
        if (zeroCopy) {
          ctx.write(new SharedFileRegion(slice.channel(), slice.position(), slice.sizeInBytes()));
        } else {
          ByteBuf copy = Unpooled.wrappedBuffer(slice.readAll());
          ctx.write(copy);
        }
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    // Requests still running complete into a closed channel; their writes are dropped.
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (cause instanceof IOException) {
      log.debug("connection {} failed: {}", context.channel().remoteAddress(), cause.toString());
    } else {
      log.warn(
          "closing connection {} after an unexpected error",
          context.channel().remoteAddress(),
          cause);
    }
    context.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}
