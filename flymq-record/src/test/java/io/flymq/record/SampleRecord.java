package io.flymq.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A record as a test writes it: plain arrays, compared by content. */
record SampleRecord(long timestamp, byte[] key, byte[] value, List<Header> headers) {

  Header[] headerArray() {
    return headers.toArray(Header[]::new);
  }

  /** The record as this codec reads it back, with byte arrays copied out of the views. */
  static SampleRecord of(Record record) {
    List<Header> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(Header.of(header.key(), bytes(header.value())));
    }
    return new SampleRecord(
        record.timestamp(), bytes(record.key()), bytes(record.value()), headers);
  }

  static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  /** Records of every shape: null keys and values, empty ones, headers, varied timestamps. */
  static List<SampleRecord> mixed(Random random, int count, int maxValueSize) {
    List<SampleRecord> records = new ArrayList<>();
    long base = 1_700_000_000_000L;
    for (int i = 0; i < count; i++) {
      byte[] key = i % 5 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
      byte[] value = i % 7 == 3 ? null : value(random, random.nextInt(maxValueSize + 1));
      List<Header> headers = new ArrayList<>();
      for (int h = 0; h < i % 4; h++) {
        headers.add(
            Header.of("h" + h + "-ü€𝄞", h == 1 ? null : value(random, random.nextInt(20))));
      }
      // Timestamps jump both ways around the first one so deltas are negative and large too.
      long timestamp = base + (i % 3 == 0 ? -random.nextInt(100_000) : random.nextInt(10_000_000));
      records.add(new SampleRecord(timestamp, key, value, headers));
    }
    return records;
  }

  /** Half compressible text, half random bytes, so codecs hit both literal and match paths. */
  static byte[] value(Random random, int size) {
    byte[] value = new byte[size];
    if (random.nextBoolean()) {
      random.nextBytes(value);
    } else {
      byte[] text =
          "the quick brown fox jumps over the lazy dog ".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < size; i++) {
        value[i] = text[(i + random.nextInt(3)) % text.length];
      }
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SampleRecord that)) {
      return false;
    }
    return timestamp == that.timestamp
        && Arrays.equals(key, that.key)
        && Arrays.equals(value, that.value)
        && headersEqual(headers, that.headers);
  }

  private static boolean headersEqual(List<Header> a, List<Header> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).key().equals(b.get(i).key())
          || !Arrays.equals(bytes(a.get(i).value()), bytes(b.get(i).value()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp) * 31 + Arrays.hashCode(key) * 17 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "SampleRecord(ts="
        + timestamp
        + ", key="
        + (key == null ? "null" : key.length)
        + ", value="
        + (value == null ? "null" : value.length)
        + ", headers="
        + headers.size()
        + ")";
  }
}
