package io.flymq.client.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The built-in serializers and deserializers: raw bytes, UTF-8 strings, 8-byte big-endian longs and
 * 16-byte UUIDs (the same encodings as Kafka's, so data moves between the two). Every one is
 * stateless and thread-safe, and maps null to null.
 */
public final class Serdes {
  private Serdes() {}

  /** Bytes unchanged. */
  public static Serializer<byte[]> bytesSerializer() {
    return (topic, data) -> data;
  }

  /** Bytes unchanged. */
  public static Deserializer<byte[]> bytesDeserializer() {
    return (topic, data) -> data;
  }

  /** UTF-8. */
  public static Serializer<String> stringSerializer() {
    return (topic, data) -> data == null ? null : data.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * UTF-8 (malformed input becomes U+FFFD, as {@link String#String(byte[],
   * java.nio.charset.Charset)} does).
   */
  public static Deserializer<String> stringDeserializer() {
    return (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
  }

  /** 8 bytes, big-endian. */
  public static Serializer<Long> longSerializer() {
    return (topic, data) -> data == null ? null : ByteBuffer.allocate(8).putLong(data).array();
  }

  /** 8 bytes, big-endian. @throws IllegalArgumentException for any other length */
  public static Deserializer<Long> longDeserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      if (data.length != 8) {
        throw new IllegalArgumentException(
            "long: "
                + data.length
                + " bytes (expected: 8, big-endian; was it written as a string?)");
      }
      return ByteBuffer.wrap(data).getLong();
    };
  }

  /** 16 bytes: most significant half first. */
  public static Serializer<UUID> uuidSerializer() {
    return (topic, data) ->
        data == null
            ? null
            : ByteBuffer.allocate(16)
                .putLong(data.getMostSignificantBits())
                .putLong(data.getLeastSignificantBits())
                .array();
  }

  /**
   * 16 bytes, most significant half first. @throws IllegalArgumentException for any other length
   */
  public static Deserializer<UUID> uuidDeserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      if (data.length != 16) {
        throw new IllegalArgumentException(
            "uuid: " + data.length + " bytes (expected: 16, most significant half first)");
      }
      ByteBuffer buffer = ByteBuffer.wrap(data);
      return new UUID(buffer.getLong(), buffer.getLong());
    };
  }
}
