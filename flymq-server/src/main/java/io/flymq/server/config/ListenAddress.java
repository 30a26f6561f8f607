package io.flymq.server.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * A socket address as written in the configuration: {@code host:port}, {@code :port} (every
 * interface) or {@code [ipv6]:port}.
 *
 * <p>Invariants: {@code host} is never null; an empty host means every interface; {@code port} is
 * in [0, 65535], where 0 asks the operating system for a free port (what integration tests use).
 * Thread-safe: immutable.
 *
 * @param host a host name or IP literal without brackets, or "" for every interface
 * @param port the TCP port, 0 for any free port
 */
public record ListenAddress(String host, int port) {
  /** What {@link #parse} accepts, for error messages and docs. */
  public static final String FORMAT = "host:port or :port with port 0-65535";

  public ListenAddress {
    requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
    if (host.contains(" ")) {
      throw new IllegalArgumentException(
          "host: '" + host + "' (expected: a host name or IP address without spaces)");
    }
  }

  /**
   * Parses {@code host:port}, {@code :port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException naming the value and {@link #FORMAT}
   */
  public static ListenAddress parse(String text) {
    requireNonNull(text, "text");
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw bad(text);
    }
    String host = value.substring(0, colon);
    String portText = value.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      // An IPv6 literal must be bracketed, or its last group would be read as the port.
      throw bad(text);
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw bad(text);
    }
    if (port < 0 || port > 65_535 || host.contains(" ")) {
      throw bad(text);
    }
    return new ListenAddress(host, port);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("address: " + text + " (expected: " + FORMAT + ")");
  }

  /** True for {@code :port}: listen on every interface. */
  public boolean anyHost() {
    return host.isEmpty();
  }

  /**
   * The address to bind: the wildcard address when {@link #anyHost()}, else the host resolved now
   * (a bind needs a resolved address; an unresolvable host fails with a clear message there).
   */
  public InetSocketAddress toSocketAddress() {
    return anyHost() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** The configuration form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return h + ":" + port;
  }
}
