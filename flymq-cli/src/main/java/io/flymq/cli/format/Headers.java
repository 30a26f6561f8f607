package io.flymq.cli.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text form of record headers, {@code k1=v1,k2=v2}, shared by {@code %h}, {@code --header} and
 * the JSON output. Values are UTF-8; a header without {@code =} has an empty value.
 */
public final class Headers {
  private Headers() {}

  /** {@code k1=v1,k2=v2}; empty for no headers. */
  public static String render(List<FormattedRecord.Header> headers) {
    StringBuilder text = new StringBuilder();
    for (FormattedRecord.Header header : headers) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(header.key()).append('=');
      if (header.value() != null) {
        text.append(new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  /** Parses {@code k1=v1,k2=v2} (empty text: no headers). */
  public static List<FormattedRecord.Header> parse(String text) {
    List<FormattedRecord.Header> headers = new ArrayList<>();
    if (text.isEmpty()) {
      return headers;
    }
    for (String pair : text.split(",", -1)) {
      headers.add(parseOne(pair));
    }
    return headers;
  }

  /**
   * Parses one {@code k=v} pair.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public static FormattedRecord.Header parseOne(String pair) {
    int eq = pair.indexOf('=');
    String key = eq < 0 ? pair : pair.substring(0, eq);
    String value = eq < 0 ? "" : pair.substring(eq + 1);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("header: '" + pair + "' (expected: name=value)");
    }
    return new FormattedRecord.Header(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
