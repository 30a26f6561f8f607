package io.flymq.client.internal;

import io.flymq.protocol.error.ClosestMatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Parses string settings ("linger.ms" = "5") for the config builders and collects every mistake, so
 * that {@code build()} reports all bad keys at once (STYLE 6), each as {@code key: value (expected:
 * ...)}. Not thread-safe; one per builder.
 */
public final class SettingParser {
  private final List<String> errors = new ArrayList<>();

  /** Records a mistake in the {@code key: value (expected: ...)} form. */
  public void error(String key, String value, String expected) {
    errors.add(key + ": " + value + " (expected: " + expected + ")");
  }

  /** Records the problems another parser reported (a nested config's message). */
  public void nested(String message) {
    errors.add(message);
  }

  /** Records an unknown key, with the closest known key as a hint. */
  public void unknown(String key, Collection<String> known) {
    errors.add(
        "unknown setting: "
            + key
            + ClosestMatch.closest(key.toLowerCase(Locale.ROOT), known)
                .map(best -> " (did you mean " + best + "?)")
                .orElse(" (see docs/java-client.md for the keys)"));
  }

  /** A whole number in {@code [min, max]}, or {@code fallback} (and an error) when it is not. */
  public long number(String key, String value, long min, long max, long fallback) {
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    error(key, value, "a whole number in [" + min + ", " + max + "]");
    return fallback;
  }

  /** {@code true} or {@code false}. */
  public boolean bool(String key, String value, boolean fallback) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    error(key, value, "true or false");
    return fallback;
  }

  /**
   * @throws IllegalArgumentException listing every recorded mistake, if there is one
   */
  public void throwIfAny(String what) {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " ("
              + errors.size()
              + " problem(s)):\n  "
              + String.join("\n  ", errors));
    }
  }
}
