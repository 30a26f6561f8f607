package io.flymq.server.handler;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Maps each request opcode to its handler. An opcode the protocol knows but no handler serves yet
 * is answered with an ERROR frame naming it, not a closed connection.
 *
 * <p>Built once at start-up, then read-only and thread-safe.
 */
public final class RequestRouter {
  private final Map<Opcode, RequestHandler<Message>> handlers = new EnumMap<>(Opcode.class);

  /** Registers the handler of requests of type {@code type} arriving with {@code opcode}. */
  @SuppressWarnings("unchecked")
  public <R extends Message> RequestRouter register(
      Opcode opcode, Class<R> type, RequestHandler<R> handler) {
    handlers.put(
        opcode,
        (request, context) -> {
          if (!type.isInstance(request)) {
            return CompletableFuture.failedFuture(
                new BrokerException(
                    ErrorCode.INVALID_REQUEST,
                    "invalid request: "
                        + opcode
                        + " carried "
                        + request.getClass().getSimpleName()));
          }
          return handler.handle((R) request, context);
        });
    return this;
  }

  /** The opcodes served, for API_VERSIONS. */
  public Set<Opcode> supported() {
    return Collections.unmodifiableSet(handlers.keySet());
  }

  /** Runs the request's handler; never throws (a thrown exception becomes a failed future). */
  public CompletableFuture<Response> route(Message request, RequestContext context) {
    RequestHandler<Message> handler = handlers.get(request.opcode());
    if (handler == null) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              ErrorCode.UNSUPPORTED_OPCODE,
              "unsupported operation: " + request.opcode() + " is not served by this broker yet"));
    }
    try {
      return handler.handle(request, context);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
