package io.flymq.client.internal;

import io.flymq.client.ClientConfig;
import io.flymq.client.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens the socket of a {@link BrokerConnection}: TCP with no delay and the connect timeout, then,
 * when TLS is configured, a TLS 1.2+ handshake that verifies the broker's certificate and host name
 * (unless {@link TlsConfig#insecure()}).
 */
final class SocketOpener {
  private SocketOpener() {}

  static Socket open(InetSocketAddress address, ClientConfig config) throws IOException {
    InetSocketAddress resolved =
        address.isUnresolved()
            ? new InetSocketAddress(address.getHostString(), address.getPort())
            : address;
    if (resolved.isUnresolved()) {
      throw new IOException("unknown host " + address.getHostString());
    }
    int connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(resolved, connectTimeoutMs);
      if (config.tls().isEmpty()) {
        return socket;
      }
      return handshake(socket, address, config.tls().get(), connectTimeoutMs);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static Socket handshake(
      Socket plain, InetSocketAddress address, TlsConfig tls, int timeoutMs) throws IOException {
    String host = tls.serverName().orElse(address.getHostString());
    SSLSocket socket =
        (SSLSocket)
            TlsContexts.create(tls)
                .getSocketFactory()
                .createSocket(plain, host, address.getPort(), true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    if (!tls.insecure()) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (!Character.isDigit(host.charAt(0)) && !host.contains(":")) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(timeoutMs);
    socket.startHandshake();
    socket.setSoTimeout(0);
    return socket;
  }
}
