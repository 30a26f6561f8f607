package io.flymq.server.handler;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.version.ApiVersionsResponse;
import java.util.concurrent.CompletableFuture;

/** API_VERSIONS (v2): the opcodes this broker serves, so a client can discover its features. */
public final class ApiVersionsHandler {
  private final int maxFrameBytes;

  public ApiVersionsHandler(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Register last: the answer lists the router's opcodes at request time. */
  public void register(RequestRouter router) {
    router.register(
        Opcode.API_VERSIONS,
        EmptyRequest.class,
        (r, c) ->
            CompletableFuture.completedFuture(
                Response.of(ApiVersionsResponse.of(router.supported(), maxFrameBytes))));
  }
}
