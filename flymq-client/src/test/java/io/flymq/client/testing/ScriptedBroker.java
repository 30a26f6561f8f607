package io.flymq.client.testing;

import io.flymq.protocol.Message;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameHeader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted broker for replies the real broker cannot give yet or gives rarely (STYLE 7): it
 * accepts connections on a random loopback port, decodes each request frame with the protocol
 * module and answers with whatever the script returns for it.
 */
public final class ScriptedBroker implements AutoCloseable {
  private final ServerSocket server;
  private final Function<Message, Message> script;
  private final List<Message> received = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  public ScriptedBroker(Function<Message, Message> script) throws IOException {
    this.script = script;
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "scripted-broker");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String bootstrap() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Every request received, in order. */
  public List<Message> received() {
    return received;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        synchronized (sockets) {
          sockets.add(socket);
        }
        Thread serve = new Thread(() -> serve(socket), "scripted-broker-conn");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      FrameDecoder decoder = new FrameDecoder();
      while (true) {
        byte[] head = new byte[FrameHeader.V2_HEADER_BYTES];
        in.readFully(head, 0, FrameHeader.V1_HEADER_BYTES);
        int headerBytes = FrameHeader.headerBytes(head[1]);
        in.readFully(head, FrameHeader.V1_HEADER_BYTES, headerBytes - FrameHeader.V1_HEADER_BYTES);
        FrameHeader header = decoder.peekHeader(ByteBuffer.wrap(head, 0, headerBytes));
        byte[] payload = new byte[header.length()];
        in.readFully(payload);
        Message request = MessageCodec.decodeRequest(header, ByteBuffer.wrap(payload));
        received.add(request);
        ByteBuffer reply = MessageCodec.encodeResponse(header, script.apply(request));
        out.write(reply.array(), reply.arrayOffset(), reply.remaining());
        out.flush();
      }
    } catch (Exception e) {
      // the client closed the connection, or the test ended
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
