package io.flymq.server.handler;

import io.flymq.protocol.Message;
import java.util.concurrent.CompletableFuture;

/**
 * Serves one kind of request. Called on a Netty event loop: it must never block (STYLE 9.1); disk
 * and metadata work completes the returned future later. Failures complete it exceptionally,
 * preferably with {@link BrokerException}.
 */
@FunctionalInterface
public interface RequestHandler<R extends Message> {
  CompletableFuture<Response> handle(R request, RequestContext context);
}
