package io.flymq.server.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The optional filter of a v1 FETCH (WIRE-V1 7.8). A record matches when any of these holds:
 *
 * <ol>
 *   <li>the filter is a JSON path {@code $.a.b}, the value starts with <code>{</code>, parses as a
 *       JSON object, and the key path exists in it (objects only, whatever the value found);
 *   <li>the filter occurs in the value or the key, ignoring case;
 *   <li>the filter is not a JSON path, compiles as a regular expression, and finds a match in the
 *       value or the key. RE2/J runs in time linear in the input, so a client's pattern cannot
 *       stall a reader thread; a filter that does not compile is only a substring.
 * </ol>
 *
 * <p>Built once per request; immutable and thread-safe.
 */
final class FetchFilter {
  /** Matches every record. */
  static final FetchFilter NONE = new FetchFilter("", null, null);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_PATH_PREFIX = "$.";

  private final String lowerCase;
  private final List<String> jsonPath;
  private final Pattern pattern;

  private FetchFilter(String lowerCase, List<String> jsonPath, Pattern pattern) {
    this.lowerCase = lowerCase;
    this.jsonPath = jsonPath;
    this.pattern = pattern;
  }

  /** The filter of a FETCH request; empty means none. */
  static FetchFilter of(String filter) {
    if (filter.isEmpty()) {
      return NONE;
    }
    String lower = filter.toLowerCase(Locale.ROOT);
    if (filter.startsWith(JSON_PATH_PREFIX)) {
      return new FetchFilter(
          lower, List.of(filter.substring(JSON_PATH_PREFIX.length()).split("\\.", -1)), null);
    }
    return new FetchFilter(lower, null, compileOrNull(filter));
  }

  private static Pattern compileOrNull(String filter) {
    try {
      return Pattern.compile(filter);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  boolean isNone() {
    return this == NONE;
  }

  /** Whether a record with this key (null for none) and value (null for a tombstone) matches. */
  boolean matches(ByteBuffer key, ByteBuffer value) {
    if (isNone()) {
      return true;
    }
    String valueText = text(value);
    if (jsonPath != null && hasJsonPath(value)) {
      return true;
    }
    String keyText = text(key);
    if (valueText.toLowerCase(Locale.ROOT).contains(lowerCase)
        || keyText.toLowerCase(Locale.ROOT).contains(lowerCase)) {
      return true;
    }
    return pattern != null
        && (pattern.matcher(valueText).find() || pattern.matcher(keyText).find());
  }

  private boolean hasJsonPath(ByteBuffer value) {
    if (value == null || !value.hasRemaining() || value.get(value.position()) != '{') {
      return false;
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes(value));
    } catch (IOException e) {
      return false;
    }
    for (String field : jsonPath) {
      if (node == null || !node.isObject() || !node.has(field)) {
        return false;
      }
      node = node.get(field);
    }
    return true;
  }

  private static String text(ByteBuffer bytes) {
    return bytes == null ? "" : new String(bytes(bytes), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] array = new byte[buffer.remaining()];
    buffer.duplicate().get(array);
    return array;
  }
}
