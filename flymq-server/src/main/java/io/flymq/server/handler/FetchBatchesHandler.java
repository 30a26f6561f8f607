package io.flymq.server.handler;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest.FetchPartition;
import io.flymq.server.log.PartitionManager;
import io.flymq.server.log.TopicPartition;
import io.flymq.storage.log.LogSlice;
import io.flymq.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * FETCH_BATCHES (v2; docs/protocol.md#fetch_batches): whole record batches from many partitions,
 * long-polling up to {@code max_wait_ms} until {@code min_bytes} are there. Reads run on the fetch
 * executor (they touch the page cache, never the event loop), and a waiting fetch is parked in
 * {@link FetchWaiters} until an append to one of its partitions or its deadline.
 *
 * <p>Record bytes go out as file slices (zero copy) unless the log is encrypted.
 */
public final class FetchBatchesHandler {
  /** The longest long poll the broker honours; docs/protocol.md 2.6. */
  public static final long MAX_WAIT_MS = 300_000;

  private final Topics topics;
  private final FetchWaiters waiters;
  private final Executor readers;

  public FetchBatchesHandler(Topics topics, FetchWaiters waiters, Executor readers) {
    this.topics = topics;
    this.waiters = waiters;
    this.readers = readers;
  }

  public void register(RequestRouter router) {
    router.register(Opcode.FETCH_BATCHES, FetchBatchesRequest.class, (r, c) -> fetch(r));
  }

  private CompletableFuture<Response> fetch(FetchBatchesRequest request) {
    // A client's wait is capped so a parked fetch on a dead connection cannot linger for days.
    long waitMs = Math.min(Math.max(0, request.maxWaitMs()), MAX_WAIT_MS);
    long deadline = System.nanoTime() + waitMs * 1_000_000L;
    List<TopicPartition> watched =
        request.partitions().stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    return attemptUntilReady(request, watched, deadline);
  }

  /**
   * Reads; answers when {@code min_bytes} are there or the deadline passed; otherwise waits for an
   * append to a watched partition and reads again. The waiter is registered before the read, so an
   * append between the read and the wait still wakes it.
   */
  private CompletableFuture<Response> attemptUntilReady(
      FetchBatchesRequest request, List<TopicPartition> watched, long deadline) {
    CompletableFuture<Void> wakeUp = waiters.await(watched, deadline);
    return CompletableFuture.supplyAsync(() -> attempt(request), readers)
        .thenCompose(
            result -> {
              if (result.ready(request) || System.nanoTime() - deadline >= 0) {
                wakeUp.complete(null);
                return CompletableFuture.completedFuture(result.response());
              }
              return wakeUp.thenCompose(v -> attemptUntilReady(request, watched, deadline));
            });
  }

  /** One read of every partition, within the request's limits. */
  private Result attempt(FetchBatchesRequest request) {
    List<Object> parts = new ArrayList<>();
    ByteBuffer count = ByteBuffer.allocate(4).putInt(request.partitions().size()).flip();
    parts.add(count);
    long totalRecords = 0;
    boolean firstNonEmpty = true;
    for (FetchPartition wanted : request.partitions()) {
      int budget =
          (int)
              Math.max(0, Math.min(wanted.partitionMaxBytes(), request.maxBytes() - totalRecords));
      PartitionRead read = read(wanted, firstNonEmpty ? Math.max(budget, 1) : budget);
      if (read.slice() != null && !read.slice().isEmpty()) {
        firstNonEmpty = false;
        totalRecords += read.slice().sizeInBytes();
      }
      parts.add(partitionPrefix(wanted, read));
      if (read.slice() != null && !read.slice().isEmpty()) {
        parts.add(read.slice() instanceof LogSlice.FileSlice file ? file : readFully(read.slice()));
      }
    }
    return new Result(new Response.Parts(Opcode.FETCH_BATCHES, parts), totalRecords);
  }

  private record PartitionRead(
      ErrorCode error, long highWatermark, long logStartOffset, LogSlice slice) {}

  private record Result(Response.Parts response, long recordBytes) {
    boolean ready(FetchBatchesRequest request) {
      return recordBytes >= Math.max(1, request.minBytes());
    }
  }

  private PartitionRead read(FetchPartition wanted, int maxBytes) {
    PartitionManager.Partition partition =
        topics.partitions().partition(new TopicPartition(wanted.topic(), wanted.partition()));
    if (partition == null) {
      return new PartitionRead(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, null);
    }
    PartitionLog log = partition.log();
    long end = log.logEndOffset();
    long start = log.logStartOffset();
    if (maxBytes <= 0 || wanted.fetchOffset() == end) {
      return new PartitionRead(ErrorCode.NONE, end, start, null);
    }
    try {
      return new PartitionRead(
          ErrorCode.NONE, end, start, log.read(wanted.fetchOffset(), maxBytes));
    } catch (IOException | RuntimeException e) {
      return new PartitionRead(ErrorMapping.codeOf(e), -1, -1, null);
    }
  }

  private static ByteBuffer partitionPrefix(FetchPartition wanted, PartitionRead read) {
    byte[] topic = wanted.topic().getBytes(StandardCharsets.UTF_8);
    int records = read.slice() == null ? 0 : read.slice().sizeInBytes();
    return ByteBuffer.allocate(2 + topic.length + 4 + 2 + 8 + 8 + 4)
        .putShort((short) topic.length)
        .put(topic)
        .putInt(wanted.partition())
        .putShort((short) read.error().code())
        .putLong(read.highWatermark())
        .putLong(read.logStartOffset())
        .putInt(records)
        .flip();
  }

  private static ByteBuffer readFully(LogSlice slice) {
    try {
      return slice.readAll();
    } catch (IOException e) {
      throw new BrokerException(ErrorCode.STORAGE_ERROR, "read failed: " + e.getMessage());
    }
  }
}
