package io.flymq.server.metadata;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Arrays;

/**
 * Encodes metadata commands, results and images: one format version byte, then UTF-8 JSON.
 *
 * <pre>
 *   0        1
 *   +--------+-------------------------------------------+
 *   | ver=1  | JSON (Jackson; "type" names the record)   |
 *   +--------+-------------------------------------------+
 * </pre>
 *
 * <p>Why JSON and not a compact binary: metadata changes are rare (topics, users, ACLs), small and
 * read by people (debugging a log, a snapshot); Jackson is already a dependency; adding a field is
 * a readable change. The version byte lets a later codec change the layout (or move to binary)
 * while still reading old log entries and snapshots. Decoding is strict: unknown properties,
 * missing record components and nulls for primitives are errors, so a silent format drift cannot
 * make replicas diverge. Encoding is deterministic: properties in record-component order, maps
 * sorted by key.
 *
 * <p>Thread-safe (the mapper is configured once and only used afterwards).
 */
public final class MetadataCodec {
  /** The format version written by this codec. */
  public static final byte VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private MetadataCodec() {}

  public static byte[] encode(MetadataCommand command) {
    return write(command, MetadataCommand.class);
  }

  /**
   * @throws CorruptMetadataException if the bytes are not a command of a known version
   */
  public static MetadataCommand decodeCommand(byte[] bytes) {
    return read(bytes, MetadataCommand.class);
  }

  public static byte[] encode(MetadataResult result) {
    return write(result, MetadataResult.class);
  }

  /**
   * @throws CorruptMetadataException if the bytes are not a result of a known version
   */
  public static MetadataResult decodeResult(byte[] bytes) {
    return read(bytes, MetadataResult.class);
  }

  public static byte[] encode(MetadataImage image) {
    return write(image, MetadataImage.class);
  }

  /**
   * @throws CorruptMetadataException if the bytes are not an image of a known version
   */
  public static MetadataImage decodeImage(byte[] bytes) {
    return read(bytes, MetadataImage.class);
  }

  private static <T> byte[] write(T value, Class<T> type) {
    byte[] json;
    try {
      // writerFor(type) so the "type" property of a sealed interface is always written.
      json = MAPPER.writerFor(type).writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode " + value, e);
    }
    byte[] out = new byte[json.length + 1];
    out[0] = VERSION;
    System.arraycopy(json, 0, out, 1, json.length);
    return out;
  }

  private static <T> T read(byte[] bytes, Class<T> type) {
    if (bytes.length < 1) {
      throw new CorruptMetadataException(type.getSimpleName() + ": empty (expected: version byte)");
    }
    if (bytes[0] != VERSION) {
      throw new CorruptMetadataException(
          type.getSimpleName()
              + ": format version "
              + bytes[0]
              + " (expected: "
              + VERSION
              + "; written by a newer broker?)");
    }
    try {
      return MAPPER.readValue(Arrays.copyOfRange(bytes, 1, bytes.length), type);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      // JacksonException is an IOException. Compact constructors reject bad values with IAE/NPE;
      // Jackson wraps some, not all.
      throw new CorruptMetadataException(type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
