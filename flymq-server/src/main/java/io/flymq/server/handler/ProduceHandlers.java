package io.flymq.server.handler;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.server.log.TopicPartition;
import io.flymq.storage.log.AppendResult;
import io.flymq.storage.log.PartitionLog;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * PRODUCE (v1, one record; WIRE-V1 7.1) and PRODUCE_BATCH (v2, one record batch; docs/protocol.md).
 * Single records go through the partition's coalescer, so concurrent v1 producers share batch
 * appends; a v2 batch is appended as the client built it (validated, offsets stamped). Every
 * successful append notifies {@code appended} (long-poll fetches).
 */
public final class ProduceHandlers {
  /**
   * acks = -1: the batch is on disk before the answer (a single node has no replicas to wait for).
   */
  private static final short ACKS_ALL = -1;

  private final Topics topics;
  private final Consumer<TopicPartition> appended;

  public ProduceHandlers(Topics topics, Consumer<TopicPartition> appended) {
    this.topics = topics;
    this.appended = appended;
  }

  public void register(RequestRouter router) {
    router
        .register(Opcode.PRODUCE, ProduceRequest.class, (r, c) -> produce(r))
        .register(Opcode.PRODUCE_BATCH, ProduceBatchRequest.class, (r, c) -> produceBatch(r));
  }

  private CompletableFuture<Response> produce(ProduceRequest request) {
    if (request.partition() < -1) {
      return CompletableFuture.failedFuture(
          new BrokerException(ErrorCode.MALFORMED_FRAME, "invalid binary format"));
    }
    ByteBuffer key = request.key();
    ByteBuffer value = request.value();
    return topics
        .existingOrCreated(request.topic())
        .thenCompose(
            topic -> {
              int partition =
                  request.partition() >= 0
                      ? request.partition()
                      : topics
                          .partitions()
                          .partitioner()
                          .partition(topic.name(), key, topic.partitionCount());
              return topics
                  .partition(topic, partition)
                  .thenCompose(
                      open ->
                          open.coalescer()
                              .produce(key, value)
                              .thenApply(
                                  record -> {
                                    appended.accept(open.id());
                                    int keySize =
                                        key == null || !key.hasRemaining() ? -1 : key.remaining();
                                    return Response.of(
                                        new RecordMetadata(
                                            Opcode.PRODUCE,
                                            topic.name(),
                                            partition,
                                            record.offset(),
                                            record.timestampMs(),
                                            keySize,
                                            value.remaining()));
                                  }));
            });
  }

  private CompletableFuture<Response> produceBatch(ProduceBatchRequest request) {
    return topics
        .existingOrCreated(request.topic())
        .thenCompose(topic -> topics.partition(topic, request.partition()))
        .thenCompose(
            open -> {
              PartitionLog log = open.log();
              // acks=all means "on disk" (FlyMQ's meaning of performance.acks=all): the append
              // joins the log's group commit, so concurrent acks=all batches share one fsync.
              ByteBuffer batch = writable(request.recordBatch());
              CompletableFuture<AppendResult> append =
                  request.acks() == ACKS_ALL ? log.appendAndForce(batch) : log.append(batch);
              return append.thenApply(
                  result -> {
                    appended.accept(open.id());
                    return Response.of(
                        new ProduceBatchResponse(
                            request.topic(),
                            request.partition(),
                            ErrorCode.NONE,
                            result.baseOffset(),
                            result.logAppendTimeMs(),
                            result.logStartOffset()));
                  });
            });
  }

  /**
   * The batch in a buffer the log may rewrite: it stamps the base offset and leader epoch in place,
   * and decoded requests hand out read-only views (a read-only batch used to fail the whole log).
   */
  private static ByteBuffer writable(ByteBuffer batch) {
    if (!batch.isReadOnly()) {
      return batch;
    }
    return ByteBuffer.allocate(batch.remaining()).put(batch).flip();
  }
}
