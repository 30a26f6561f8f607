package io.flymq.protocol.error;

import java.util.Objects;

/**
 * Every error FlyMQ reports, with a stable numeric code, whether retrying the same request can
 * succeed, and a mandatory hint saying what to do next (STYLE 5, DESIGN 10).
 *
 * <p>The code travels in the {@code code} field of the structured ERROR frame (WIRE-V1 4.1; the
 * public v1 SDKs ignore it), in v2 per-partition {@code error_code} fields, and is the same in SDK
 * exceptions, the CLI and logs. Codes 1–80 follow the numbering WIRE-V1 section 16.6 suggests; the
 * frame-level codes 4–9 and the v2 codes (15–19, 31–36, 90) take numbers that catalogue leaves
 * free. Codes never change meaning once released; new errors take new numbers.
 *
 * <p>The v1 reference texts (the message prefixes the SDKs match on) are not part of this enum: one
 * code covers several texts (for example {@link #MALFORMED_FRAME} is {@code buffer too small} or
 * {@code invalid binary format}); the text is chosen where the error is raised and the hint is
 * appended by {@link io.flymq.protocol.message.ErrorResponse#of(ErrorCode, String)}.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
  /** Success; used by v2 per-partition results. Never sent in an ERROR frame. */
  NONE(0, false, "No error."),
  /** Unclassified failure; the only code the reference server ever sends. */
  UNCLASSIFIED(1, false, "See the message text and the broker log for details."),
  /** {@code unknown opcode: <n>}; also a v2-only opcode sent in a v1 frame. */
  UNSUPPORTED_OPCODE(
      2, false, "The broker does not serve this opcode; ask API_VERSIONS what it supports."),
  /** {@code buffer too small}, {@code invalid binary format}, {@code invalid request: ...}. */
  MALFORMED_FRAME(
      3,
      false,
      "The payload does not match the opcode's layout; check the client version against docs/protocol.md."),
  /** First header byte is not 0xAF: the peer does not speak FlyMQ. The connection is closed. */
  INVALID_MAGIC(
      4, false, "Connect a FlyMQ client to this port; the first byte of every frame must be 0xAF."),
  /** Header version is neither 0x01 nor 0x02. The connection is closed. */
  UNSUPPORTED_VERSION(5, false, "Use wire version 1 or 2; see docs/protocol.md."),
  /** Header length exceeds the frame limit (32 MiB by default). The connection is closed. */
  FRAME_TOO_LARGE(
      6, false, "Send frames of at most 32 MiB (33554432 bytes); split large payloads."),
  /** Reserved compression codec bits, or a codec the broker cannot decode. */
  UNSUPPORTED_COMPRESSION(
      7, false, "Compress payloads with gzip (codec 1) or send them uncompressed."),
  /** A compressed payload that does not decompress. */
  CORRUPT_COMPRESSED_PAYLOAD(
      8,
      false,
      "Re-send the payload; the compressed bytes are damaged or not in the codec's format."),
  /** {@code topic not found: <topic>}; v2: the topic or partition does not exist. */
  UNKNOWN_TOPIC_OR_PARTITION(
      10,
      false,
      "Create the topic first, or enable topic auto-creation; refresh metadata if it was just created."),
  /** {@code partition <p> not found}, {@code partition <p> out of range}. */
  PARTITION_NOT_FOUND(
      11,
      false,
      "Use a partition between 0 and the topic's partition count - 1 (see CLUSTER_METADATA)."),
  /** {@code EOF}: the offset is below the log start or past the log end. */
  OFFSET_OUT_OF_RANGE(
      12,
      false,
      "Seek to an offset between the log start and the log end (SUBSCRIBE earliest/latest)."),
  /** {@code unknown subscribe mode: <m>}, {@code unknown reset mode: <m>}. */
  INVALID_MODE(
      13,
      false,
      "Use one of the modes earliest, latest, commit (SUBSCRIBE) or earliest, latest, offset (RESET_OFFSET)."),
  /** {@code consumer group not found: <topic>:<group>}. */
  GROUP_NOT_FOUND(
      14, false, "Subscribe or commit with the group id first; group ids are per topic in v1."),
  /** v2: a record batch failed validation (CRC, magic, sizes, offsets). */
  INVALID_RECORD_BATCH(
      15,
      false,
      "Send one Kafka RecordBatch v2 (magic 2) with a valid CRC32C; do not modify batches after building them."),
  /** A record or batch larger than the broker accepts. */
  RECORD_TOO_LARGE(
      16,
      false,
      "Reduce the record or batch size below the broker's max message bytes, or raise that limit."),
  /** A field value outside its allowed range (negative counts, bad acks, ...). */
  INVALID_REQUEST(
      17,
      false,
      "Fix the request field named in the message; see docs/protocol.md for allowed ranges."),
  /** An invalid topic name (empty, too long, control characters, {@code +} or {@code #}). */
  INVALID_TOPIC_NAME(
      18,
      false,
      "Use a name of 1-249 bytes without control characters, '\\', '+' or '#'; '/' is allowed."),
  /** v2: a correlation id that is already in flight on the connection. */
  DUPLICATE_CORRELATION_ID(
      19, false, "Use a correlation id that has no request in flight on this connection."),
  /** {@code authentication required}. */
  AUTHENTICATION_REQUIRED(
      20,
      false,
      "Authenticate with AUTH (configure the client's username and password) before this operation."),
  /** {@code unauthorized}, {@code admin access required for audit queries}. */
  NOT_AUTHORIZED(
      21,
      false,
      "Grant the user a role or ACL entry with the needed permission; see the broker's auth settings."),
  /** {@code user account is disabled}. */
  USER_DISABLED(
      22,
      false,
      "Ask an administrator to re-enable the account (USER_UPDATE with enabled = true)."),
  /** {@code invalid username or password}, {@code invalid current password}. */
  AUTHENTICATION_FAILED(23, false, "Check the username and password."),
  /** {@code user "<name>" already exists}, {@code user "<name>" not found}, ... */
  USER_MANAGEMENT_FAILED(
      24,
      false,
      "Check the user name and that the user does (or does not yet) exist; see USER_LIST."),
  /** {@code cannot make topic public because anonymous access is disabled ...}. */
  ACL_REJECTED(
      25,
      false,
      "Enable anonymous access in the broker configuration, or keep the topic non-public."),
  /** {@code not leader: leader_id=<id> leader_addr=<host:port>}. */
  NOT_LEADER(30, true, "Leader moved; refresh metadata and retry against leader_addr."),
  /** {@code not leader: no leader elected}. */
  LEADER_NOT_AVAILABLE(31, true, "No leader is elected yet; wait and retry."),
  /** v2: acks = all and fewer in-sync replicas than min.insync.replicas. */
  NOT_ENOUGH_REPLICAS(
      32, true, "Too few in-sync replicas for acks=all; retry later or check the failed brokers."),
  /** v2: the request did not complete within its timeout. */
  REQUEST_TIMED_OUT(
      33, true, "Retry; if it persists raise timeoutMs or check broker load and replication."),
  /** v2: a producer sequence number arrived out of order. */
  OUT_OF_ORDER_SEQUENCE(
      34,
      false,
      "Restart the idempotent producer; batches must be sent with consecutive sequence numbers."),
  /** v2: a producer batch that the broker has already appended. */
  DUPLICATE_SEQUENCE(
      35, false, "The batch was already written; treat the earlier acknowledgement as the result."),
  /** v2: the broker is shutting down or not ready to serve. */
  BROKER_NOT_AVAILABLE(
      36, true, "The broker is starting or stopping; retry against another broker or later."),
  /** v2: the group no longer knows this member (removed after its session timeout, or left). */
  UNKNOWN_MEMBER(
      37,
      false,
      "The consumer was removed from its group; rejoin it (the client does this itself)."),
  /**
   * v2: a member committed with a generation older than the one it last joined with (it rejoined,
   * and has not applied that answer yet). It keeps its id and partitions.
   */
  STALE_GENERATION(
      38,
      false,
      "This member rejoined the group since; heartbeat for the current generation (the client's"
          + " next poll does), then commit the partitions still assigned again."),
  /** v2: a member committed a partition that is assigned to another member. */
  PARTITION_NOT_ASSIGNED(
      39, false, "Commit only the partitions assigned to this member; this one moved to another."),
  /**
   * {@code unsupported schema type}, {@code schema not found}, {@code schema validation failed},
   * ...
   */
  SCHEMA_ERROR(
      40,
      false,
      "Register the schema (json, avro or protobuf) or fix the message so it validates."),
  /** {@code transaction not found}, {@code transaction is not active}, ... */
  TRANSACTION_ERROR(
      50, false, "Begin a new transaction; transactions time out after 60 s by default."),
  /** {@code delayed message delivery is disabled}, {@code delay <d> exceeds maximum ...}. */
  DELAYED_DELIVERY_ERROR(
      60,
      false,
      "Enable delayed delivery on the broker or use a delay within the configured maximum."),
  /** {@code message not found}, {@code DLQ not enabled}. */
  DLQ_ERROR(
      61, false, "Enable the dead-letter queue for the topic and use an id returned by FETCH_DLQ."),
  /** {@code audit trail is not enabled}, {@code audit query failed: ...}. */
  AUDIT_ERROR(
      70,
      false,
      "Enable the audit trail on the broker and check the query's time range and filters."),
  /** Resource limits, e.g. {@code decompressed payload exceeds 33554432 bytes}. */
  RESOURCE_LIMIT_EXCEEDED(
      80, false, "Send smaller payloads; decompressed requests may not exceed 32 MiB."),
  /** v2: the log could not be read or written. */
  STORAGE_ERROR(
      90,
      true,
      "A storage error occurred on the broker; retry, and check the broker's disk and log.");

  private final int code;
  private final boolean retriable;
  private final String hint;

  ErrorCode(int code, boolean retriable, String hint) {
    this.code = code;
    this.retriable = retriable;
    this.hint = Objects.requireNonNull(hint, "hint");
  }

  /** The stable numeric code sent on the wire. */
  public int code() {
    return code;
  }

  /**
   * Whether the same request, retried unchanged (possibly after refreshing metadata), can succeed.
   */
  public boolean retriable() {
    return retriable;
  }

  /** What the user or client should do next; never empty. */
  public String hint() {
    return hint;
  }

  /**
   * The error with the given wire code; unknown codes (sent by a newer broker) map to {@link
   * #UNCLASSIFIED}, so a decoder never fails on them.
   *
   * @param code the wire code
   * @return the matching constant, or {@code UNCLASSIFIED}
   */
  public static ErrorCode fromCode(int code) {
    for (ErrorCode candidate : values()) {
      if (candidate.code == code) {
        return candidate;
      }
    }
    return UNCLASSIFIED;
  }
}
