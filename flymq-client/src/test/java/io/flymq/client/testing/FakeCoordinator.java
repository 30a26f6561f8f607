package io.flymq.client.testing;

import io.flymq.client.TopicPartition;
import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.FetchBatchesResponse.PartitionRecords;
import io.flymq.protocol.message.core.OffsetResponse;
import io.flymq.protocol.message.membership.GroupCommitRequest;
import io.flymq.protocol.message.membership.GroupCommitRequest.CommitEntry;
import io.flymq.protocol.message.membership.GroupCommitResponse;
import io.flymq.protocol.message.membership.GroupOffsetsRequest;
import io.flymq.protocol.message.membership.GroupOffsetsResponse;
import io.flymq.protocol.message.membership.HeartbeatRequest;
import io.flymq.protocol.message.membership.HeartbeatResponse;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.protocol.message.membership.LeaveGroupRequest;
import io.flymq.protocol.message.membership.PartitionRef;
import io.flymq.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A scripted group coordinator for {@link ScriptedBroker}: one member, whose assignment the test
 * sets; every partition holds {@link #RECORDS} records ({@code v0}, {@code v1}, ...). Heartbeats
 * answer the assignment as set (no hand-over logic: the test plays the coordinator), or an error
 * the test injects until the member rejoins; JOINs succeed unless the test makes the next one fail.
 * Thread-safe.
 */
public final class FakeCoordinator implements Function<Message, Message> {
  /** Records per partition. */
  public static final int RECORDS = 10;

  private final AtomicInteger generation = new AtomicInteger(1);
  private final AtomicInteger members = new AtomicInteger();
  private final Map<PartitionRef, CommitEntry> committed = new ConcurrentHashMap<>();
  private volatile List<PartitionRef> assignment = List.of();
  private volatile ErrorCode heartbeatError = ErrorCode.NONE;
  private final AtomicReference<ErrorCode> nextJoinError = new AtomicReference<>(ErrorCode.NONE);
  private volatile List<PartitionRef> assignmentOnJoin;

  /** The member's assignment from the next heartbeat on (a new generation). */
  public void assign(TopicPartition... partitions) {
    assignment = refs(partitions);
    generation.incrementAndGet();
  }

  /** Heartbeats fail with this code until the member joins again. */
  public void failHeartbeats(ErrorCode code) {
    heartbeatError = code;
  }

  /** The next JOIN fails with this code (changing nothing); the ones after it succeed. */
  public void failNextJoin(ErrorCode code) {
    nextJoinError.set(code);
  }

  /**
   * The member's assignment once it next joins successfully, in a new generation: a rebalance that
   * only a JOIN triggers. Heartbeats answer the current assignment until then.
   */
  public void assignOnNextJoin(TopicPartition... partitions) {
    assignmentOnJoin = refs(partitions);
  }

  /** The stored commits. */
  public Map<PartitionRef, CommitEntry> committed() {
    return committed;
  }

  /** The current generation. */
  public int generation() {
    return generation.get();
  }

  @Override
  public Message apply(Message request) {
    if (request instanceof JoinGroupRequest join) {
      ErrorCode error = nextJoinError.getAndSet(ErrorCode.NONE);
      if (error != ErrorCode.NONE) {
        return new JoinGroupResponse(error, join.memberId(), generation.get(), 0);
      }
      List<PartitionRef> onJoin = assignmentOnJoin;
      if (onJoin != null) {
        assignmentOnJoin = null;
        assignment = onJoin;
        generation.incrementAndGet();
      }
      heartbeatError = ErrorCode.NONE;
      String id =
          join.memberId().isEmpty() ? "member-" + members.incrementAndGet() : join.memberId();
      return new JoinGroupResponse(ErrorCode.NONE, id, generation.get(), 50);
    }
    if (request instanceof HeartbeatRequest) {
      ErrorCode error = heartbeatError;
      return error != ErrorCode.NONE
          ? new HeartbeatResponse(error, generation.get(), List.of())
          : new HeartbeatResponse(ErrorCode.NONE, generation.get(), assignment);
    }
    if (request instanceof LeaveGroupRequest) {
      return new AckResponse(Opcode.LEAVE_GROUP, true);
    }
    if (request instanceof GroupCommitRequest commit) {
      List<GroupCommitResponse.Result> results = new ArrayList<>();
      for (CommitEntry entry : commit.offsets()) {
        committed.put(new PartitionRef(entry.topic(), entry.partition()), entry);
        results.add(
            new GroupCommitResponse.Result(entry.topic(), entry.partition(), ErrorCode.NONE));
      }
      return new GroupCommitResponse(results);
    }
    if (request instanceof GroupOffsetsRequest offsets) {
      List<GroupOffsetsResponse.Committed> found = new ArrayList<>();
      for (PartitionRef ref : offsets.partitions()) {
        CommitEntry entry = committed.get(ref);
        found.add(
            new GroupOffsetsResponse.Committed(
                ref.topic(),
                ref.partition(),
                entry == null ? -1 : entry.offset(),
                entry == null ? "" : entry.metadata()));
      }
      return new GroupOffsetsResponse(found);
    }
    if (request instanceof FetchBatchesRequest fetch) {
      return fetch(fetch);
    }
    // SUBSCRIBE: auto.offset.reset look-ups; every log starts at 0.
    return new OffsetResponse(request.opcode(), 0);
  }

  private static List<PartitionRef> refs(TopicPartition... partitions) {
    List<PartitionRef> refs = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      refs.add(new PartitionRef(tp.topic(), tp.partition()));
    }
    return List.copyOf(refs);
  }

  private static Message fetch(FetchBatchesRequest fetch) {
    try {
      // A short long-poll, so that an idle consumer does not spin.
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<PartitionRecords> results = new ArrayList<>();
    for (FetchBatchesRequest.FetchPartition p : fetch.partitions()) {
      ByteBuffer records = ByteBuffer.allocate(0);
      if (p.fetchOffset() < RECORDS) {
        RecordBatchBuilder batch = new RecordBatchBuilder().baseOffset(p.fetchOffset());
        for (long offset = p.fetchOffset(); offset < RECORDS; offset++) {
          batch.append(
              1_000 + offset, (byte[]) null, ("v" + offset).getBytes(StandardCharsets.UTF_8));
        }
        records = batch.build();
      }
      results.add(
          new PartitionRecords(p.topic(), p.partition(), ErrorCode.NONE, RECORDS, 0, records));
    }
    return new FetchBatchesResponse(results);
  }
}
