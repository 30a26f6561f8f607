package io.flymq.server.handler;

import java.net.SocketAddress;

/**
 * Who sent a request and over what: the remote address and the frame version (v1 clients get v1
 * semantics). Immutable.
 *
 * @param remoteAddress the client's address, for logs
 * @param frameVersion 1 or 2
 */
public record RequestContext(SocketAddress remoteAddress, int frameVersion) {}
