package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.frame.FrameDecoder;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.ErrorResponse;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's authentication findings. The broker's user store arrives with the security issue, so a
 * scripted broker plays one that requires authentication (STYLE 7: scripted peers only for replies
 * the real broker cannot give yet): it answers every request with the ERROR frame a secured broker
 * sends, and closes connections that do not speak the protocol (doctor's TLS probe).
 */
class DoctorAuthIT {
  @TempDir Path home;

  @Test
  void shouldExplainThatTheBrokerRequiresAuthenticationWithAFix() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> answerAll(server, ErrorCode.AUTHENTICATION_REQUIRED));
      acceptor.setDaemon(true);
      acceptor.start();
      CliRunner cli = new CliRunner("127.0.0.1:" + server.getLocalPort(), home.resolve("c.yaml"));

      Result result = cli.run("doctor", "-o", "json");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out())
          .contains("\"check\" : \"reachable\",\n  \"status\" : \"ok\"")
          .contains("\"check\" : \"handshake\",\n  \"status\" : \"fail\"")
          .containsIgnoringCase("auth")
          .contains("--username");
    }
  }

  private static void answerAll(ServerSocket server, ErrorCode code) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread serve = new Thread(() -> serve(socket, code));
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket socket, ErrorCode code) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      FrameDecoder decoder = new FrameDecoder();
      while (true) {
        byte[] head = new byte[FrameHeader.V2_HEADER_BYTES];
        in.readFully(head, 0, FrameHeader.V1_HEADER_BYTES);
        int headerBytes = FrameHeader.headerBytes(head[1]);
        in.readFully(head, FrameHeader.V1_HEADER_BYTES, headerBytes - FrameHeader.V1_HEADER_BYTES);
        FrameHeader header = decoder.peekHeader(ByteBuffer.wrap(head, 0, headerBytes));
        in.readFully(new byte[header.length()]);
        ByteBuffer reply =
            MessageCodec.encodeResponse(header, ErrorResponse.of(code, "authentication required"));
        out.write(reply.array(), reply.arrayOffset(), reply.remaining());
        out.flush();
      }
    } catch (Exception e) {
      // a TLS probe or a closed client: not a FlyMQ frame, drop the connection
    }
  }
}
