package io.flymq.client;

import java.net.InetSocketAddress;

/** Parses {@code host:port} and {@code [ipv6]:port} into unresolved socket addresses. */
final class HostPort {
  private HostPort() {}

  /** The address, or null when {@code text} is not {@code host:port} with a valid port. */
  static InetSocketAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535 || host.isEmpty()) {
        return null;
      }
      return InetSocketAddress.createUnresolved(host, port);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
