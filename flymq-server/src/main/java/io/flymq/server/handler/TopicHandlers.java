package io.flymq.server.handler;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.TopicRequest;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.MetadataResponse;
import io.flymq.protocol.message.topic.AlterTopicConfigRequest;
import io.flymq.protocol.message.topic.TopicConfigResponse;
import io.flymq.server.metadata.MetadataErrorCode;
import io.flymq.server.metadata.MetadataException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** CREATE_TOPIC, DELETE_TOPIC, LIST_TOPICS and METADATA (WIRE-V1 7.4, 7.5, 7.9, 7.10). */
public final class TopicHandlers {
  private final Topics topics;

  public TopicHandlers(Topics topics) {
    this.topics = topics;
  }

  public void register(RequestRouter router) {
    router
        .register(Opcode.CREATE_TOPIC, CreateTopicRequest.class, (r, c) -> create(r))
        .register(Opcode.DELETE_TOPIC, TopicRequest.class, (r, c) -> delete(r))
        .register(Opcode.LIST_TOPICS, EmptyRequest.class, (r, c) -> list())
        .register(Opcode.METADATA, TopicRequest.class, (r, c) -> metadata(r))
        .register(Opcode.ALTER_TOPIC_CONFIG, AlterTopicConfigRequest.class, (r, c) -> alter(r))
        .register(Opcode.DESCRIBE_TOPIC_CONFIG, TopicRequest.class, (r, c) -> configs(r));
  }

  private CompletableFuture<Response> create(CreateTopicRequest request) {
    if (request.partitions() < 0) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              ErrorCode.INVALID_REQUEST,
              "invalid partition count: " + request.partitions() + " (expected: >= 0; 0 means 1)"));
    }
    int partitions = request.partitions() == 0 ? 1 : request.partitions();
    return topics
        .create(request.topic(), partitions)
        .thenApply(created -> Response.of(new AckResponse(Opcode.CREATE_TOPIC, true)));
  }

  private CompletableFuture<Response> delete(TopicRequest request) {
    return topics
        .metadata()
        .deleteTopic(request.topic())
        .handle(
            (deleted, error) -> {
              Throwable cause =
                  error == null ? null : (error.getCause() != null ? error.getCause() : error);
              boolean missing =
                  cause instanceof MetadataException e
                      && e.errorCode() == MetadataErrorCode.UNKNOWN_TOPIC;
              if (cause != null && !missing) {
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
              }
              // Deleting a topic that does not exist succeeds (WIRE-V1 7.10).
              return Response.of(new AckResponse(Opcode.DELETE_TOPIC, true));
            });
  }

  private CompletableFuture<Response> list() {
    List<String> names =
        topics.metadata().image().topics().keySet().stream()
            .filter(name -> !name.startsWith("__"))
            .sorted()
            .toList();
    return CompletableFuture.completedFuture(Response.of(new ListTopicsResponse(names)));
  }

  private CompletableFuture<Response> metadata(TopicRequest request) {
    return topics
        .existing(request.topic())
        .thenApply(
            topic -> Response.of(new MetadataResponse(topic.name(), topic.partitionCount(), 1)));
  }

  /**
   * Validates and stores the change in the metadata; the partitions' logs pick it up when the
   * reconciler applies the new metadata (PartitionManager reopens each log with its new config).
   */
  private CompletableFuture<Response> alter(AlterTopicConfigRequest request) {
    if (request.topic().startsWith("__")) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              ErrorCode.INVALID_REQUEST,
              "topic " + request.topic() + " is internal (expected: a user topic)"));
    }
    return topics
        .metadata()
        .alterTopicConfig(request.topic(), request.set(), new java.util.HashSet<>(request.delete()))
        .thenApply(
            altered ->
                Response.of(
                    new TopicConfigResponse(
                        Opcode.ALTER_TOPIC_CONFIG, altered.name(), altered.configs())));
  }

  private CompletableFuture<Response> configs(TopicRequest request) {
    return topics
        .existing(request.topic())
        .thenApply(
            topic ->
                Response.of(
                    new TopicConfigResponse(
                        Opcode.DESCRIBE_TOPIC_CONFIG, topic.name(), topic.configs())));
  }
}
