package io.flymq.server.handler;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.core.CommitRequest;
import io.flymq.protocol.message.core.OffsetResponse;
import io.flymq.protocol.message.core.SubscribeRequest;
import io.flymq.protocol.message.group.GroupPartitionRequest;
import io.flymq.protocol.message.group.ResetOffsetRequest;
import io.flymq.protocol.message.group.SeekToTimestampRequest;
import io.flymq.server.group.CommittedOffset;
import io.flymq.server.group.OffsetKey;
import io.flymq.server.group.OffsetStore;
import io.flymq.storage.log.PartitionLog;
import io.flymq.storage.log.TimestampOffset;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a v1 consumer starts and resumes: SUBSCRIBE (7.6), COMMIT (7.7), GET_OFFSET (13.1),
 * RESET_OFFSET (13.2) and SEEK_TO_TIMESTAMP (13.7). Committed offsets live in the {@link
 * OffsetStore}; a commit is answered only once its record is appended.
 *
 * <p>"latest" is always the true log end (0 on an empty partition), never the reference's "highest
 * offset + 1" (WIRE-V1 16.2). With {@code protocol.v1_subscribe_prefers_commit}, SUBSCRIBE {@code
 * earliest}/{@code latest} with a group id resume at the group's commit when there is one.
 *
 * <p>Only SEEK_TO_TIMESTAMP touches the disk (the time index); it runs on the readers executor.
 * Thread-safe.
 */
public final class OffsetHandlers {
  private final Topics topics;
  private final OffsetStore offsets;
  private final Executor readers;
  private final boolean subscribePrefersCommit;

  /**
   * @param subscribePrefersCommit {@code protocol.v1_subscribe_prefers_commit}
   */
  public OffsetHandlers(
      Topics topics, OffsetStore offsets, Executor readers, boolean subscribePrefersCommit) {
    this.topics = topics;
    this.offsets = offsets;
    this.readers = readers;
    this.subscribePrefersCommit = subscribePrefersCommit;
  }

  public void register(RequestRouter router) {
    router
        .register(Opcode.SUBSCRIBE, SubscribeRequest.class, (r, c) -> subscribe(r))
        .register(Opcode.COMMIT, CommitRequest.class, (r, c) -> commit(r))
        .register(Opcode.GET_OFFSET, GroupPartitionRequest.class, (r, c) -> getOffset(r))
        .register(Opcode.RESET_OFFSET, ResetOffsetRequest.class, (r, c) -> reset(r))
        .register(Opcode.SEEK_TO_TIMESTAMP, SeekToTimestampRequest.class, (r, c) -> seek(r));
  }

  private CompletableFuture<Response> subscribe(SubscribeRequest request) {
    if (!request.groupId().isEmpty()) {
      // As in the reference, naming the group comes first: a SUBSCRIBE that fails still creates it.
      offsets.nameGroup(request.topic(), request.groupId());
    }
    return topics
        .existingPartition(request.topic(), request.partition())
        .thenApply(
            open ->
                Response.of(
                    new OffsetResponse(Opcode.SUBSCRIBE, startOffset(request, open.log()))));
  }

  private long startOffset(SubscribeRequest request, PartitionLog log) {
    Optional<Long> committed =
        request.groupId().isEmpty()
            ? Optional.empty()
            : offsets
                .committed(key(request.groupId(), request.topic(), request.partition()))
                .map(CommittedOffset::offset);
    Optional<Long> preferred = subscribePrefersCommit ? committed : Optional.empty();
    return switch (request.mode()) {
      case "", "latest" -> preferred.orElse(log.logEndOffset());
      case "earliest" -> preferred.orElse(log.logStartOffset());
      // No commit yet: start from the beginning, not the end (WIRE-V1 7.6).
      case "commit" -> committed.orElse(log.logStartOffset());
      default ->
          throw new BrokerException(
              ErrorCode.INVALID_MODE, "unknown subscribe mode: " + request.mode());
    };
  }

  /** Stored verbatim without checking the topic, like the reference (WIRE-V1 7.7). */
  private CompletableFuture<Response> commit(CommitRequest request) {
    return offsets
        .commit(
            key(request.groupId(), request.topic(), request.partition()),
            request.offset(),
            Optional.empty())
        .thenApply(stored -> Response.of(new AckResponse(Opcode.COMMIT, true)));
  }

  private CompletableFuture<Response> getOffset(GroupPartitionRequest request) {
    if (!offsets.groupExists(request.topic(), request.groupId())) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              ErrorCode.GROUP_NOT_FOUND,
              "consumer group not found: " + request.topic() + ":" + request.groupId()));
    }
    // A known group without a commit for this partition answers 0, as the wire says (13.1).
    long offset =
        offsets
            .committed(key(request.groupId(), request.topic(), request.partition()))
            .map(CommittedOffset::offset)
            .orElse(0L);
    return CompletableFuture.completedFuture(
        Response.of(new OffsetResponse(Opcode.GET_OFFSET, offset)));
  }

  private CompletableFuture<Response> reset(ResetOffsetRequest request) {
    String mode = request.mode();
    if (!mode.equals("earliest")
        && !mode.equals("latest")
        && !mode.equals(ResetOffsetRequest.MODE_OFFSET)) {
      return CompletableFuture.failedFuture(
          new BrokerException(ErrorCode.INVALID_MODE, "unknown reset mode: " + mode));
    }
    return topics
        .existingPartition(request.topic(), request.partition())
        .thenCompose(
            open -> {
              long target =
                  switch (mode) {
                    case "earliest" -> open.log().logStartOffset();
                    case "latest" -> open.log().logEndOffset();
                    default -> requestedOffset(request.offset());
                  };
              return offsets.commit(
                  key(request.groupId(), request.topic(), request.partition()),
                  target,
                  Optional.empty());
            })
        .thenApply(stored -> Response.of(new AckResponse(Opcode.RESET_OFFSET, true)));
  }

  private static long requestedOffset(OptionalLong offset) {
    // The decoder guarantees it for mode "offset"; the check keeps that assumption visible.
    return offset.orElseThrow(
        () -> new BrokerException(ErrorCode.MALFORMED_FRAME, "buffer too small"));
  }

  /**
   * The first offset whose record is at or after the timestamp, else the log end; committed for the
   * group when one is named (an empty group id only looks the offset up).
   */
  private CompletableFuture<Response> seek(SeekToTimestampRequest request) {
    return topics
        .existingPartition(request.topic(), request.partition())
        .thenApplyAsync(open -> offsetForTimestamp(open.log(), request.timestamp()), readers)
        .thenCompose(
            offset ->
                request.groupId().isEmpty()
                    ? CompletableFuture.completedFuture(offset)
                    : offsets
                        .commit(
                            key(request.groupId(), request.topic(), request.partition()),
                            offset,
                            Optional.empty())
                        .thenApply(stored -> offset))
        .thenApply(offset -> Response.of(new OffsetResponse(Opcode.SEEK_TO_TIMESTAMP, offset)));
  }

  private static long offsetForTimestamp(PartitionLog log, long timestampMs) {
    try {
      return log.offsetForTimestamp(timestampMs)
          .map(TimestampOffset::offset)
          .orElse(log.logEndOffset());
    } catch (IOException e) {
      throw new BrokerException(
          ErrorCode.STORAGE_ERROR,
          "read failed: " + log.dir().getFileName() + ": " + e.getMessage());
    }
  }

  private static OffsetKey key(String group, String topic, int partition) {
    return new OffsetKey(group, topic, partition);
  }
}
