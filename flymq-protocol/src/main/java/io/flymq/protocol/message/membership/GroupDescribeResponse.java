package io.flymq.protocol.message.membership;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.message.FieldChecks;
import io.flymq.protocol.wire.WireReader;
import io.flymq.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * GROUP_DESCRIBE (0x1B) response. Layout: docs/protocol.md#group_describe.
 *
 * <pre>
 *   error_code i16 | state str | generation i32 | assignor str
 *   | members list&lt;member_id str | instance_id str | client str | topics list&lt;str&gt;
 *                   | assignment list&lt;topic str | partition i32&gt;&gt;
 *   | departures list&lt;member_id str | instance_id str | reason str | at_ms i64&gt;
 * </pre>
 *
 * @param errorCode NONE, or GROUP_NOT_FOUND
 * @param state {@code Stable}, {@code Reconciling} (partitions moving) or {@code Empty}
 * @param generation the current generation
 * @param assignor the assignment strategy in use
 * @param members the live members
 * @param departures the most recent departures, newest first, with their reasons ({@code left},
 *     {@code session timeout}, {@code poll timeout}, {@code fenced})
 */
public record GroupDescribeResponse(
    ErrorCode errorCode,
    String state,
    int generation,
    String assignor,
    List<Member> members,
    List<Departure> departures)
    implements Message {
  /** Validates the fields. @throws NullPointerException for null fields */
  public GroupDescribeResponse {
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(assignor, "assignor");
    members = FieldChecks.copy(members, "members");
    departures = FieldChecks.copy(departures, "departures");
  }

  @Override
  public Opcode opcode() {
    return Opcode.GROUP_DESCRIBE;
  }

  @Override
  public void writeTo(WireWriter out) {
    out.u16(errorCode.code()).str(state).i32(generation).str(assignor);
    out.list(
        members,
        (m, w) -> {
          w.str(m.memberId()).str(m.instanceId()).str(m.client()).strList(m.topics());
          PartitionRef.writeList(m.assignment(), w);
        });
    out.list(
        departures,
        (d, w) -> w.str(d.memberId()).str(d.instanceId()).str(d.reason()).i64(d.atMs()));
  }

  /** Decodes the payload. @throws ProtocolException if it is truncated */
  public static GroupDescribeResponse decode(WireReader in) throws ProtocolException {
    ErrorCode code = ErrorCode.fromCode(in.i16());
    String state = in.str();
    int generation = in.i32();
    String assignor = in.str();
    List<Member> members =
        in.list(
            in.count32(Member.MIN_BYTES),
            r -> new Member(r.str(), r.str(), r.str(), r.strList(), PartitionRef.readList(r)));
    List<Departure> departures =
        in.list(
            in.count32(Departure.MIN_BYTES),
            r -> new Departure(r.str(), r.str(), r.str(), r.i64()));
    return new GroupDescribeResponse(code, state, generation, assignor, members, departures);
  }

  /**
   * A live member.
   *
   * @param memberId its id
   * @param instanceId its static instance id, empty when dynamic
   * @param client the client's address ({@code ip:port})
   * @param topics its subscription
   * @param assignment the partitions it owns now
   */
  public record Member(
      String memberId,
      String instanceId,
      String client,
      List<String> topics,
      List<PartitionRef> assignment) {
    static final int MIN_BYTES = 14;

    /** Validates the fields. @throws NullPointerException for null fields */
    public Member {
      Objects.requireNonNull(memberId, "memberId");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(client, "client");
      topics = FieldChecks.copy(topics, "topics");
      assignment = FieldChecks.copy(assignment, "assignment");
    }
  }

  /**
   * A member that left or was removed.
   *
   * @param memberId its id
   * @param instanceId its static instance id, empty when dynamic
   * @param reason {@code left}, {@code session timeout}, {@code poll timeout} or {@code fenced}
   * @param atMs when, ms since the epoch
   */
  public record Departure(String memberId, String instanceId, String reason, long atMs) {
    static final int MIN_BYTES = 14;

    /** Validates the fields. @throws NullPointerException for null fields */
    public Departure {
      Objects.requireNonNull(memberId, "memberId");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
