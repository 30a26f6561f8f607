package io.flymq.server.network;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the byte stream into {@link InboundFrame}s (v1 and v2 headers). Sizes are checked before
 * anything is allocated: bad magic, an unknown version or a length over the frame limit close the
 * connection without a reply (WIRE-V1 4.2), and only that client is affected.
 *
 * <p>One instance per channel (not sharable).
 */
final class FrameDecoderHandler extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(FrameDecoderHandler.class);
  private final FrameDecoder decoder;

  FrameDecoderHandler(int maxFrameBytes) {
    this.decoder = new FrameDecoder(maxFrameBytes);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.readableBytes() > 0) {
      FrameHeader header;
      try {
        int peek = Math.min(in.readableBytes(), FrameHeader.V2_HEADER_BYTES);
        header = decoder.peekHeader(in.nioBuffer(in.readerIndex(), peek));
      } catch (ProtocolException e) {
        log.debug("closing {}: {}", ctx.channel().remoteAddress(), e.getMessage());
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
      if (header == null || in.readableBytes() < header.frameBytes()) {
        return;
      }
      in.skipBytes(header.headerBytes());
      ByteBuffer payload = ByteBuffer.allocate(header.length());
      in.readBytes(payload);
      out.add(new InboundFrame(header, payload.flip()));
    }
  }
}
