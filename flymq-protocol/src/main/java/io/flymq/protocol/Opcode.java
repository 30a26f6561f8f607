package io.flymq.protocol;

import java.util.Optional;

/**
 * Every opcode of the FlyMQ wire protocol: all of WIRE-V1 section 6 and the v2 additions of
 * docs/protocol.md, which take numbers from the free range 0x0C–0x0F.
 *
 * <p>Kinds: a {@link Kind#REQUEST} opcode is sent by clients and answered with {@link
 * #responseOpcode()} (its own value, except AUTH, answered with AUTH_RESPONSE) or with ERROR;
 * {@link Kind#RESPONSE_ONLY} opcodes (AUTH_RESPONSE, ERROR) are only sent by the broker and are
 * answered {@code unknown opcode: <n>} when received as requests; {@link Kind#RESERVED}
 * (CLUSTER_STATUS) has no layout anywhere and is answered the same way (WIRE-V1 12.3).
 *
 * <p>{@link #firstVersion()} is the first frame version that carries the opcode: v1 opcodes are
 * served in v1 and v2 frames with identical payloads; v2 opcodes only in v2 frames, so v1 clients
 * never see them (DESIGN 3).
 *
 * <p>Immutable and thread-safe.
 */
public enum Opcode {
  PRODUCE(0x01),
  CONSUME(0x02),
  CREATE_TOPIC(0x03),
  METADATA(0x04),
  SUBSCRIBE(0x05),
  COMMIT(0x06),
  FETCH(0x07),
  LIST_TOPICS(0x08),
  DELETE_TOPIC(0x09),
  CONSUME_ZERO_COPY(0x0A),
  FETCH_BINARY(0x0B),
  /** v2: lists the opcodes and frame versions the broker serves. */
  API_VERSIONS(0x0C, Kind.REQUEST, 2),
  /** v2: one Kafka RecordBatch v2 to one partition, with acks and a timeout. */
  PRODUCE_BATCH(0x0D, Kind.REQUEST, 2),
  /** v2: record batches from many partitions, with long polling. */
  FETCH_BATCHES(0x0E, Kind.REQUEST, 2),
  REGISTER_SCHEMA(0x10),
  GET_SCHEMA(0x11),
  LIST_SCHEMAS(0x12),
  VALIDATE_SCHEMA(0x13),
  PRODUCE_WITH_SCHEMA(0x14),
  DELETE_SCHEMA(0x15),
  /** v2: a consumer joins a group (or rejoins with its member id). */
  JOIN_GROUP(0x16, Kind.REQUEST, 2),
  /** v2: a member's heartbeat; the answer is its assignment. */
  GROUP_HEARTBEAT(0x17, Kind.REQUEST, 2),
  /** v2: a member leaves its group, saying why. */
  LEAVE_GROUP(0x18, Kind.REQUEST, 2),
  /** v2: a member commits offsets with metadata, fenced by membership. */
  GROUP_COMMIT(0x19, Kind.REQUEST, 2),
  /** v2: a group's committed offsets with their metadata. */
  GROUP_OFFSETS(0x1A, Kind.REQUEST, 2),
  /** v2: a group's members, assignments and recent departures. */
  GROUP_DESCRIBE(0x1B, Kind.REQUEST, 2),
  /** v2: sets or removes a topic's configs; the answer is the resulting configs. */
  ALTER_TOPIC_CONFIG(0x1C, Kind.REQUEST, 2),
  /** v2: a topic's configs. */
  DESCRIBE_TOPIC_CONFIG(0x1D, Kind.REQUEST, 2),
  FETCH_DLQ(0x20),
  REPLAY_DLQ(0x21),
  PURGE_DLQ(0x22),
  PRODUCE_DELAYED(0x30),
  CANCEL_DELAYED(0x31),
  PRODUCE_WITH_TTL(0x35),
  BEGIN_TX(0x40),
  COMMIT_TX(0x41),
  ABORT_TX(0x42),
  PRODUCE_TX(0x43),
  CLUSTER_JOIN(0x50),
  CLUSTER_LEAVE(0x51),
  /** Reserved: no layout exists; answered {@code unknown opcode: 82}. */
  CLUSTER_STATUS(0x52, Kind.RESERVED, 1),
  CLUSTER_METADATA(0x53),
  GET_OFFSET(0x60),
  RESET_OFFSET(0x61),
  LIST_GROUPS(0x62),
  DESCRIBE_GROUP(0x63),
  GET_LAG(0x64),
  DELETE_GROUP(0x65),
  SEEK_TO_TIMESTAMP(0x66),
  AUTH(0x70),
  /** The answer to AUTH; never a request. */
  AUTH_RESPONSE(0x71, Kind.RESPONSE_ONLY, 1),
  WHOAMI(0x72),
  USER_CREATE(0x73),
  USER_DELETE(0x74),
  USER_UPDATE(0x75),
  USER_LIST(0x76),
  USER_GET(0x77),
  ACL_SET(0x78),
  ACL_GET(0x79),
  ACL_DELETE(0x7A),
  ACL_LIST(0x7B),
  PASSWORD_CHANGE(0x7C),
  ROLE_LIST(0x7D),
  /** Audit query, reference layout (Go SDK). */
  AUDIT_QUERY(0x80),
  /** Audit export, reference layout (Go SDK). */
  AUDIT_EXPORT(0x81),
  /** Audit query, SDK layout (Java SDK). */
  AUDIT_QUERY_SDK(0xA0),
  /** Audit export, SDK layout (Java SDK). */
  AUDIT_EXPORT_SDK(0xA1),
  /** A failure, answering any request (WIRE-V1 4). */
  ERROR(0xFF, Kind.RESPONSE_ONLY, 1);

  /** What an opcode is used for. */
  public enum Kind {
    /** Sent by clients; the broker answers it. */
    REQUEST,
    /** Sent by the broker only. */
    RESPONSE_ONLY,
    /** Allocated but without a layout; answered as unknown. */
    RESERVED
  }

  /** The highest frame version this module speaks. */
  public static final int LATEST_VERSION = 2;

  private static final Opcode[] BY_CODE = new Opcode[256];

  static {
    for (Opcode opcode : values()) {
      BY_CODE[opcode.code] = opcode;
    }
  }

  private final int code;
  private final Kind kind;
  private final int firstVersion;

  Opcode(int code) {
    this(code, Kind.REQUEST, 1);
  }

  Opcode(int code, Kind kind, int firstVersion) {
    this.code = code;
    this.kind = kind;
    this.firstVersion = firstVersion;
  }

  /** The opcode byte, 0..255. */
  public int code() {
    return code;
  }

  /** Whether clients send it, only the broker does, or it is reserved. */
  public Kind kind() {
    return kind;
  }

  /** Whether a broker accepts it as a request (in a frame of at least {@link #firstVersion()}). */
  public boolean isRequest() {
    return kind == Kind.REQUEST;
  }

  /** The first frame version that carries this opcode: 1, or 2 for the v2 additions. */
  public int firstVersion() {
    return firstVersion;
  }

  /**
   * Whether a request frame of the given version may carry this opcode.
   *
   * @param frameVersion 1 or 2
   */
  public boolean servedIn(int frameVersion) {
    return isRequest() && frameVersion >= firstVersion && frameVersion <= LATEST_VERSION;
  }

  /** The opcode of a successful response: AUTH_RESPONSE for AUTH, the opcode itself otherwise. */
  public Opcode responseOpcode() {
    return this == AUTH ? AUTH_RESPONSE : this;
  }

  /**
   * The prefix the reference puts before {@code buffer too small} / {@code invalid binary format}
   * for this opcode (WIRE-V1 4.2, 14.15): {@code invalid request: } for the user and ACL
   * operations, {@code invalid auth request: } for AUTH, the audit forms for audit; empty
   * otherwise.
   */
  public String malformedPrefix() {
    switch (this) {
      case AUTH:
        return "invalid auth request: ";
      case AUDIT_QUERY:
      case AUDIT_QUERY_SDK:
        return "invalid audit query request: ";
      case AUDIT_EXPORT:
      case AUDIT_EXPORT_SDK:
        return "invalid audit export request: ";
      default:
        return code >= USER_CREATE.code && code <= ACL_LIST.code || this == PASSWORD_CHANGE
            ? "invalid request: "
            : "";
    }
  }

  /**
   * The opcode with the given byte value.
   *
   * @param code the opcode byte; values outside 0..255 yield empty
   * @return the opcode, or empty when the value is not allocated
   */
  public static Optional<Opcode> fromCode(int code) {
    return code < 0 || code > 255 ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
  }
}
