package io.flymq.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A view of one record inside a decoded batch: the record's bytes stay where they are (the batch
 * buffer, or the batch's decompressed records section) and accessors slice them. Layout, all
 * varints zigzag-encoded (see {@link Varints}):
 *
 * <pre>
 *  length varint          bytes after this field
 *  attributes int8        unused, 0
 *  timestampDelta varlong timestamp - batch baseTimestamp
 *  offsetDelta varint     offset - batch baseOffset
 *  keyLength varint       -1 = null key
 *  key bytes
 *  valueLength varint     -1 = null value
 *  value bytes
 *  headerCount varint
 *  headers: keyLength varint, key UTF-8, valueLength varint (-1 = null), value bytes
 * </pre>
 *
 * A record is validated when it is wrapped: every length was checked against the record's own
 * length, and the fields must end exactly where the record does; a bad record throws {@link
 * CorruptRecordException} then, so the accessors never fail.
 *
 * <p>Not thread-safe while being re-wrapped (a {@link RecordReader.Cursor} reuses one instance); a
 * record obtained from {@link RecordReader#iterator()} is never re-wrapped and may be read from any
 * thread as long as the underlying buffer is not written.
 */
public final class Record {
  private static final int NULL_LENGTH = -1;
  private static final int MIN_HEADER_SIZE = 2;

  private ByteBuffer buffer;
  private int start;
  private int end;
  private long offset;
  private long timestamp;
  private int keyIndex;
  private int keyLength;
  private int valueIndex;
  private int valueLength;
  private int headersIndex;
  private int headerCount;

  Record() {}

  /**
   * Parses the record at {@code cursor}'s position, bounded by its limit, and advances the cursor
   * past it. {@code cursor} is a duplicate of {@code section}, which is never moved, so slices
   * taken later by absolute index stay valid.
   */
  void wrap(
      ByteBuffer section,
      ByteBuffer cursor,
      long baseOffset,
      long baseTimestamp,
      long logAppendTime) {
    int sectionLimit = cursor.limit();
    this.buffer = section;
    this.start = cursor.position();
    int length = Varints.readVarint(cursor);
    if (length < 0 || length > cursor.remaining()) {
      throw new CorruptRecordException(
          "record length: "
              + length
              + " at "
              + start
              + " (expected: 0-"
              + cursor.remaining()
              + ")");
    }
    this.end = cursor.position() + length;
    cursor.limit(end);
    if (!cursor.hasRemaining()) {
      throw new CorruptRecordException(
          "record at " + start + ": length 0 (expected: at least the attributes byte)");
    }
    cursor.get(); // attributes: unused in v2 records
    long timestampDelta = Varints.readVarlong(cursor);
    this.timestamp =
        logAppendTime != RecordBatch.NO_TIMESTAMP ? logAppendTime : baseTimestamp + timestampDelta;
    this.offset = baseOffset + Varints.readVarint(cursor);
    this.keyLength = readLength(cursor, "key");
    this.keyIndex = skip(cursor, keyLength);
    this.valueLength = readLength(cursor, "value");
    this.valueIndex = skip(cursor, valueLength);
    this.headerCount = Varints.readVarint(cursor);
    if (headerCount < 0 || headerCount > cursor.remaining() / MIN_HEADER_SIZE) {
      throw new CorruptRecordException(
          "header count: "
              + headerCount
              + " (expected: 0-"
              + cursor.remaining() / MIN_HEADER_SIZE
              + ")");
    }
    this.headersIndex = cursor.position();
    for (int i = 0; i < headerCount; i++) {
      int headerKeyLength = Varints.readVarint(cursor);
      if (headerKeyLength < 0) {
        throw new CorruptRecordException(
            "header key length: " + headerKeyLength + " (expected: >= 0)");
      }
      skip(cursor, headerKeyLength);
      skip(cursor, readLength(cursor, "header value"));
    }
    if (cursor.hasRemaining()) {
      throw new CorruptRecordException(
          "record at "
              + start
              + ": "
              + cursor.remaining()
              + " bytes left after its headers (expected: 0)");
    }
    cursor.limit(sectionLimit);
  }

  /** Reads a length that may be -1 for null and must fit in the rest of the record. */
  private static int readLength(ByteBuffer cursor, String field) {
    int length = Varints.readVarint(cursor);
    if (length < NULL_LENGTH || length > cursor.remaining()) {
      throw new CorruptRecordException(
          field + " length: " + length + " (expected: -1 to " + cursor.remaining() + ")");
    }
    return length;
  }

  /** Skips {@code length} bytes (none for a null field); returns the index they start at. */
  private static int skip(ByteBuffer cursor, int length) {
    int index = cursor.position();
    if (length > cursor.remaining()) {
      throw new CorruptRecordException(
          "field length: " + length + " (expected: <= " + cursor.remaining() + ")");
    }
    if (length > 0) {
      cursor.position(index + length);
    }
    return index;
  }

  /** Absolute offset: the batch's base offset plus this record's offset delta. */
  public long offset() {
    return offset;
  }

  /** Creation time, or the batch's max timestamp when the batch is LOG_APPEND_TIME. */
  public long timestamp() {
    return timestamp;
  }

  /** A read-only slice of the key, or null. */
  public ByteBuffer key() {
    return slice(keyIndex, keyLength);
  }

  public boolean hasKey() {
    return keyLength != NULL_LENGTH;
  }

  /** A read-only slice of the value, or null (a tombstone). */
  public ByteBuffer value() {
    return slice(valueIndex, valueLength);
  }

  public boolean hasValue() {
    return valueLength != NULL_LENGTH;
  }

  public int headerCount() {
    return headerCount;
  }

  /** The headers, their values read-only slices; an empty list when there are none. */
  public List<Header> headers() {
    if (headerCount == 0) {
      return List.of();
    }
    List<Header> headers = new ArrayList<>(headerCount);
    ByteBuffer cursor = buffer.duplicate().limit(end).position(headersIndex);
    for (int i = 0; i < headerCount; i++) {
      int keyBytes = Varints.readVarint(cursor);
      String key = new String(bytes(cursor, keyBytes), StandardCharsets.UTF_8);
      int valueBytes = Varints.readVarint(cursor);
      headers.add(new Header(key, slice(cursor.position(), valueBytes)));
      if (valueBytes > 0) {
        cursor.position(cursor.position() + valueBytes);
      }
    }
    return Collections.unmodifiableList(headers);
  }

  /** Encoded size of this record, its length prefix included. */
  public int sizeInBytes() {
    return end - start;
  }

  private static byte[] bytes(ByteBuffer cursor, int length) {
    byte[] bytes = new byte[length];
    cursor.get(bytes);
    return bytes;
  }

  private ByteBuffer slice(int index, int length) {
    return length == NULL_LENGTH ? null : buffer.slice(index, length).asReadOnlyBuffer();
  }

  @Override
  public String toString() {
    return "Record(offset="
        + offset
        + ", timestamp="
        + timestamp
        + ", key="
        + (hasKey() ? keyLength + " bytes" : "null")
        + ", value="
        + (hasValue() ? valueLength + " bytes" : "null")
        + ", headers="
        + headerCount
        + ")";
  }
}
