package io.flymq.server.handler;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.core.ConsumeRequest;
import io.flymq.protocol.message.core.ConsumeResponse;
import io.flymq.protocol.message.core.FetchRequest;
import io.flymq.protocol.message.core.FetchResponse;
import io.flymq.protocol.message.core.FetchResponse.FetchedMessage;
import io.flymq.record.Record;
import io.flymq.server.metadata.TopicMetadata;
import io.flymq.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The v1 per-record reads: CONSUME and CONSUME_ZERO_COPY (one record at an offset; WIRE-V1 7.2,
 * 7.3) and FETCH and FETCH_BINARY (up to {@code max_messages} records from an offset, optionally
 * filtered; 7.8). Records are decoded from the stored batches at the edge (DESIGN decision 2).
 *
 * <p>Metadata lookups run on the caller's event loop (they are map reads); every log read runs on
 * the {@code readers} executor. Thread-safe.
 */
public final class ConsumeHandlers {
  /** The v1 frame limit a FETCH payload must stay within (WIRE-V1 7.8). */
  static final long MAX_FETCH_PAYLOAD_BYTES = 32L << 20;

  /** The reference stops a FETCH scan after this many records, matched or not. */
  static final int MAX_EXAMINED = 1_000;

  /** {@code max_messages <= 0} means this many. */
  static final int DEFAULT_MAX_MESSAGES = 10;

  /** Payload bytes of a FETCH response before its messages: count u32, next_offset u64. */
  private static final int FETCH_HEADER_BYTES = 12;

  /** Payload bytes of one FETCH message besides key and value: offset u64, two u32 lengths. */
  private static final int MESSAGE_OVERHEAD_BYTES = 16;

  private final Topics topics;
  private final Executor readers;

  public ConsumeHandlers(Topics topics, Executor readers) {
    this.topics = topics;
    this.readers = readers;
  }

  public void register(RequestRouter router) {
    router
        .register(Opcode.CONSUME, ConsumeRequest.class, (r, c) -> consume(r))
        .register(Opcode.CONSUME_ZERO_COPY, ConsumeRequest.class, (r, c) -> consume(r))
        .register(Opcode.FETCH, FetchRequest.class, (r, c) -> fetch(r))
        .register(Opcode.FETCH_BINARY, FetchRequest.class, (r, c) -> fetch(r));
  }

  private CompletableFuture<Response> consume(ConsumeRequest request) {
    Optional<TopicMetadata> topic = topics.find(request.topic());
    if (topic.isEmpty()) {
      // The reference leaves the name out for CONSUME only (WIRE-V1 7.2); the hint still helps.
      return CompletableFuture.failedFuture(
          new BrokerException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "topic not found"));
    }
    if (request.partition() >= topic.get().partitionCount()) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              ErrorCode.PARTITION_NOT_FOUND, "partition " + request.partition() + " out of range"));
    }
    return topics
        .partition(topic.get(), request.partition())
        .thenApplyAsync(open -> Response.of(readOne(open.log(), request)), readers);
  }

  /** The record at exactly the requested offset. */
  private static ConsumeResponse readOne(PartitionLog log, ConsumeRequest request) {
    long start = log.logStartOffset();
    long end = log.logEndOffset();
    if (request.offset() < start || request.offset() >= end) {
      throw offsetOutOfRange(request, start, end, "");
    }
    Record[] found = new Record[1];
    scan(
        log,
        request.offset(),
        new RecordScanner.Visitor() {
          @Override
          public boolean record(Record record) {
            found[0] = record.offset() == request.offset() ? record : null;
            return false;
          }
        });
    if (found[0] == null) {
      // Inside the log, yet absent: compaction removed it, or it is a transaction marker.
      throw offsetOutOfRange(
          request,
          start,
          end,
          " (no record at this offset: compacted away or a transaction marker)");
    }
    return new ConsumeResponse(
        request.opcode(), orEmpty(found[0].key()), orEmpty(found[0].value()));
  }

  private static BrokerException offsetOutOfRange(
      ConsumeRequest request, long start, long end, String detail) {
    return new BrokerException(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        "offset out of range: "
            + request.topic()
            + "["
            + request.partition()
            + "] offset "
            + request.offset()
            + " (log start "
            + start
            + ", log end "
            + end
            + ")"
            + detail);
  }

  private CompletableFuture<Response> fetch(FetchRequest request) {
    FetchFilter filter = FetchFilter.of(request.filter());
    return topics
        .existing(request.topic())
        .thenCompose(topic -> topics.partition(topic, request.partition()))
        .thenApplyAsync(open -> Response.of(readMany(open.log(), request, filter)), readers);
  }

  /**
   * Records from the requested offset, or from the log start when the consumer fell behind
   * retention (so it moves on instead of being stuck; the messages carry their true offsets).
   */
  private static FetchResponse readMany(
      PartitionLog log, FetchRequest request, FetchFilter filter) {
    long from = Math.max(request.offset(), log.logStartOffset());
    FetchCollector collector =
        new FetchCollector(
            from,
            request.maxMessages() <= 0 ? DEFAULT_MAX_MESSAGES : request.maxMessages(),
            filter);
    if (from < log.logEndOffset()) {
      scan(log, from, collector);
    }
    return new FetchResponse(request.opcode(), collector.nextOffset, collector.messages);
  }

  /**
   * Gathers FETCH messages and applies the stop rules: {@code max_messages} matched, 1,000
   * examined, or the next match would push the payload past 32 MiB.
   */
  private static final class FetchCollector implements RecordScanner.Visitor {
    private final int maxMessages;
    private final FetchFilter filter;
    private final List<FetchedMessage> messages = new ArrayList<>();

    /** After the last record examined (matched or not); the requested start while none was. */
    private long nextOffset;

    private long payloadBytes = FETCH_HEADER_BYTES;
    private int examined;

    FetchCollector(long from, int maxMessages, FetchFilter filter) {
      this.nextOffset = from;
      this.maxMessages = maxMessages;
      this.filter = filter;
    }

    @Override
    public boolean record(Record record) {
      ByteBuffer key = record.key();
      ByteBuffer value = record.value();
      if (filter.matches(key, value)) {
        long size =
            MESSAGE_OVERHEAD_BYTES
                + (key == null ? 0 : key.remaining())
                + (value == null ? 0 : value.remaining());
        if (payloadBytes + size > MAX_FETCH_PAYLOAD_BYTES) {
          if (messages.isEmpty()) {
            throw new BrokerException(
                ErrorCode.RECORD_TOO_LARGE,
                "record at offset "
                    + record.offset()
                    + " is "
                    + size
                    + " bytes (expected: <= "
                    + (MAX_FETCH_PAYLOAD_BYTES - FETCH_HEADER_BYTES)
                    + " to fit a v1 FETCH response)");
          }
          // Not examined: the next fetch starts with it.
          return false;
        }
        payloadBytes += size;
        messages.add(new FetchedMessage(record.offset(), orEmpty(key), orEmpty(value)));
      }
      examined++;
      nextOffset = record.offset() + 1;
      return messages.size() < maxMessages && examined < MAX_EXAMINED;
    }

    @Override
    public void skipped(long batchNextOffset) {
      nextOffset = Math.max(nextOffset, batchNextOffset);
    }
  }

  private static void scan(PartitionLog log, long from, RecordScanner.Visitor visitor) {
    try {
      RecordScanner.scan(log, from, visitor);
    } catch (IOException e) {
      throw new BrokerException(
          ErrorCode.STORAGE_ERROR,
          "read failed: " + log.dir().getFileName() + ": " + e.getMessage());
    }
  }

  private static ByteBuffer orEmpty(ByteBuffer bytes) {
    return bytes == null ? ByteBuffer.allocate(0) : bytes;
  }
}
