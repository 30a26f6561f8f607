package io.flymq.server.group;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The key and value layouts of the records in {@code __consumer_offsets}. Every variable field is
 * length-prefixed, so no group id or topic name (whatever characters it holds) can make two keys
 * collide, and compaction keeps exactly the latest commit per (group, topic, partition).
 *
 * <pre>
 *   key   (version 0):  version i16 = 0 | group_len u16 | group utf8 | topic_len u16 | topic utf8 | partition i32
 *   value (version 0):  version i16 = 0 | offset i64 | commit_timestamp_ms i64 | metadata_len i32 (-1 = none) | metadata utf8
 *   value null:         a tombstone: the slot was deleted
 * </pre>
 *
 * <p>All integers big-endian. A reader that meets a version it does not know refuses the record
 * ({@link CorruptOffsetRecordException}) rather than guess. Stateless and thread-safe.
 */
public final class OffsetRecords {
  /** The one layout version written today. */
  static final short VERSION = 0;

  /** Names are wire {@code str} fields: at most 65,535 UTF-8 bytes. */
  static final int MAX_NAME_BYTES = 0xFFFF;

  private OffsetRecords() {}

  /** The record key of a slot. @throws IllegalArgumentException if a name exceeds 65,535 bytes */
  public static ByteBuffer encodeKey(OffsetKey key) {
    byte[] group = name(key.group(), "group");
    byte[] topic = name(key.topic(), "topic");
    return ByteBuffer.allocate(2 + 2 + group.length + 2 + topic.length + 4)
        .putShort(VERSION)
        .putShort((short) group.length)
        .put(group)
        .putShort((short) topic.length)
        .put(topic)
        .putInt(key.partition())
        .flip();
  }

  /** The record value of a commit. */
  public static ByteBuffer encodeValue(CommittedOffset committed) {
    byte[] metadata =
        committed.metadata().map(m -> m.getBytes(StandardCharsets.UTF_8)).orElse(null);
    return ByteBuffer.allocate(2 + 8 + 8 + 4 + (metadata == null ? 0 : metadata.length))
        .putShort(VERSION)
        .putLong(committed.offset())
        .putLong(committed.commitTimestampMs())
        .putInt(metadata == null ? -1 : metadata.length)
        .put(metadata == null ? new byte[0] : metadata)
        .flip();
  }

  /** Decodes a key. @throws CorruptOffsetRecordException if it is not a version-0 key */
  public static OffsetKey decodeKey(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate();
    version(in, "key");
    String group = string(in, unsignedShort(in, "group length"), "group");
    String topic = string(in, unsignedShort(in, "topic length"), "topic");
    int partition = readInt(in, "partition");
    if (partition < 0 || in.hasRemaining()) {
      throw new CorruptOffsetRecordException(
          "offset key: partition "
              + partition
              + " and "
              + in.remaining()
              + " trailing bytes (expected: partition >= 0, no trailing bytes)");
    }
    return new OffsetKey(group, topic, partition);
  }

  /** Decodes a value. @throws CorruptOffsetRecordException if it is not a version-0 value */
  public static CommittedOffset decodeValue(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate();
    version(in, "value");
    long offset = readLong(in, "offset");
    long timestamp = readLong(in, "commit timestamp");
    int metadataLength = readInt(in, "metadata length");
    Optional<String> metadata =
        metadataLength == -1
            ? Optional.empty()
            : Optional.of(string(in, metadataLength, "metadata"));
    if (offset < 0 || in.hasRemaining()) {
      throw new CorruptOffsetRecordException(
          "offset value: offset "
              + offset
              + " and "
              + in.remaining()
              + " trailing bytes (expected: offset >= 0, no trailing bytes)");
    }
    return new CommittedOffset(offset, timestamp, metadata);
  }

  private static byte[] name(String name, String field) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          field + ": " + bytes.length + " bytes (expected: <= " + MAX_NAME_BYTES + ")");
    }
    return bytes;
  }

  private static void version(ByteBuffer in, String what) {
    need(in, 2, what + " version");
    short version = in.getShort();
    if (version != VERSION) {
      throw new CorruptOffsetRecordException(
          "offset " + what + " version: " + version + " (expected: " + VERSION + ")");
    }
  }

  private static int unsignedShort(ByteBuffer in, String field) {
    need(in, 2, field);
    return Short.toUnsignedInt(in.getShort());
  }

  private static int readInt(ByteBuffer in, String field) {
    need(in, 4, field);
    return in.getInt();
  }

  private static long readLong(ByteBuffer in, String field) {
    need(in, 8, field);
    return in.getLong();
  }

  private static String string(ByteBuffer in, int length, String field) {
    if (length < 0) {
      throw new CorruptOffsetRecordException(
          field + " length: " + length + " (expected: >= 0 or -1 for none)");
    }
    need(in, length, field);
    ByteBuffer bytes = in.slice(in.position(), length);
    in.position(in.position() + length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new CorruptOffsetRecordException(field + ": not valid UTF-8");
    }
  }

  private static void need(ByteBuffer in, int bytes, String field) {
    if (in.remaining() < bytes) {
      throw new CorruptOffsetRecordException(
          field + ": " + in.remaining() + " bytes left (expected: >= " + bytes + ")");
    }
  }
}
