package io.flymq.server.testing;

import io.flymq.protocol.Dialect;
import io.flymq.protocol.Message;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameHeader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A minimal blocking client over a real socket for tests: sends requests as v1 or v2 frames
 * (through the protocol module's codec) and reads whole response frames. Not thread-safe.
 */
public final class WireClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** A response frame: its header and decoded message (reference dialect). */
  public record Reply(FrameHeader header, ByteBuffer payload) {
    public Message message() throws ProtocolException {
      return MessageCodec.decodeResponse(header, payload.duplicate(), Dialect.REFERENCE);
    }

    /**
     * The decoded message as {@code type}, or an AssertionError naming what came instead (with an
     * ERROR frame's text).
     */
    public <T extends Message> T expect(Class<T> type) throws ProtocolException {
      Message message = message();
      if (!type.isInstance(message)) {
        throw new AssertionError(
            "expected "
                + type.getSimpleName()
                + " but got "
                + message
                + " (header "
                + header
                + ")");
      }
      return type.cast(message);
    }
  }

  private WireClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  public static WireClient connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket(address.getAddress(), address.getPort());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    return new WireClient(socket);
  }

  /** Sends a v1 frame (flags 0x01) and returns the response. */
  public Reply requestV1(Message request) throws IOException {
    sendV1(request);
    return read();
  }

  public void sendV1(Message request) throws IOException {
    sendRaw(MessageCodec.encodeRequest(FrameHeader.V1, 0, 1, request));
  }

  /** Sends a v2 frame with {@code correlationId}; read the answer with {@link #read()}. */
  public void sendV2(int correlationId, Message request) throws IOException {
    sendRaw(MessageCodec.encodeRequest(FrameHeader.V2, correlationId, 1, request));
  }

  /** Writes bytes as they are (for malformed-input tests). */
  public void sendRaw(ByteBuffer bytes) throws IOException {
    byte[] array = new byte[bytes.remaining()];
    bytes.duplicate().get(array);
    out.write(array);
    out.flush();
  }

  /** Reads one whole response frame. */
  public Reply read() throws IOException {
    byte[] first = new byte[2];
    in.readFully(first);
    int headerBytes = FrameHeader.headerBytes(first[1] & 0xFF);
    byte[] header = new byte[headerBytes];
    header[0] = first[0];
    header[1] = first[1];
    in.readFully(header, 2, headerBytes - 2);
    try {
      FrameHeader parsed = new FrameDecoder().peekHeader(ByteBuffer.wrap(header));
      byte[] payload = new byte[parsed.length()];
      in.readFully(payload);
      return new Reply(parsed, ByteBuffer.wrap(payload));
    } catch (ProtocolException e) {
      throw new IOException("bad response header: " + e.getMessage(), e);
    }
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
