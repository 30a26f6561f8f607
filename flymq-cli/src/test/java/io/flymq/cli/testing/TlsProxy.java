package io.flymq.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Terminates TLS in front of a broker that speaks plain TCP (the broker's own TLS listener arrives
 * with the security issue): accepts TLS connections on a random loopback port and pipes each to the
 * broker. With a trust store it requires client certificates (mTLS). Real TLS end to end for the
 * client's handshake, certificate and host name checks.
 */
public final class TlsProxy implements AutoCloseable {
  private final SSLServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /**
   * @param keyStore PKCS12 holding the server's certificate and key
   * @param password its password
   * @param clientTrust PKCS12 of trusted client certificates, or null for no client auth
   */
  public TlsProxy(InetSocketAddress target, Path keyStore, String password, Path clientTrust)
      throws Exception {
    this.target = target;
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(
        KeyStore.getInstance(keyStore.toFile(), password.toCharArray()), password.toCharArray());
    TrustManagerFactory trust = null;
    if (clientTrust != null) {
      trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(KeyStore.getInstance(clientTrust.toFile(), password.toCharArray()));
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
    server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(clientTrust != null);
    acceptor = new Thread(this::accept, "tls-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code 127.0.0.1:<port>} of the TLS side. */
  public String bootstrap() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket broker = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(broker);
        pipe(client, broker);
        pipe(broker, client);
      } catch (IOException e) {
        // closed, or a handshake the test meant to fail
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tls-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TlsProxy::closeQuietly);
  }
}
