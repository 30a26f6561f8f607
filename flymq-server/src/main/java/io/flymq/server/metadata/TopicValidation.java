package io.flymq.server.metadata;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Pure validation of topic requests, done by the proposer before a command enters the log: it
 * depends only on the request, never on the metadata state, so a bad request fails fast with a
 * clear message and never costs a Raft round trip. Checks that depend on the state (does the topic
 * exist?) happen in {@link MetadataApplier}. Stateless and thread-safe.
 *
 * <p>Names follow Kafka's rules ({@code [a-zA-Z0-9._-]}, 1..249 characters, not {@code .} or {@code
 * ..}) plus {@code /} between levels, which WIRE-V1 7.4 requires because the public SDKs' topic
 * patterns are {@code /}-separated ({@code sensors/room1/temp}). Levels must be non-empty and not
 * {@code .} or {@code ..}, so that no name can climb out of a directory built from it.
 */
public final class TopicValidation {
  /** Kafka's limit: leaves room in a 255-byte file name for a partition suffix. */
  public static final int MAX_NAME_LENGTH = 249;

  /** Upper bound on a topic's partition count; guards memory and file handles. */
  public static final int MAX_PARTITIONS = 10_000;

  /** Topic config keys accepted as per-topic overrides (CONFIG-KEYS.md names). */
  public static final Set<String> CONFIG_KEYS =
      Set.of("retention_ms", "retention_bytes", "segment_bytes", "cleanup_policy");

  private static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact", "compact,delete");

  private TopicValidation() {}

  /**
   * @throws MetadataException with {@link MetadataErrorCode#INVALID_TOPIC_NAME}
   */
  public static void validateName(String name) {
    if (name == null || name.isEmpty()) {
      throw invalidName(name, "empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw invalidName(name, name.length() + " characters (expected: <= " + MAX_NAME_LENGTH + ")");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-'
              || c == '/';
      if (!ok) {
        throw invalidName(
            name,
            "character '" + printable(c) + "' at " + i + " (expected: [a-zA-Z0-9._-] or '/')");
      }
    }
    for (String level : name.split("/", -1)) {
      if (level.isEmpty() || level.equals(".") || level.equals("..")) {
        throw invalidName(name, "level '" + level + "' (expected: non-empty, not '.' or '..')");
      }
    }
  }

  /**
   * @throws MetadataException with {@link MetadataErrorCode#INVALID_PARTITIONS}
   */
  public static void validatePartitionCount(int partitions) {
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new MetadataException(
          MetadataErrorCode.INVALID_PARTITIONS,
          "partitions: " + partitions + " (expected: 1.." + MAX_PARTITIONS + ")");
    }
  }

  /** Checks keys and values of configs to set. @throws MetadataException INVALID_CONFIG */
  public static void validateConfigs(Map<String, String> configs) {
    validateConfigKeys(configs.keySet());
    for (Map.Entry<String, String> e : configs.entrySet()) {
      validateConfigValue(e.getKey(), e.getValue());
    }
  }

  /** Checks config keys (for example, keys to delete). @throws MetadataException INVALID_CONFIG */
  public static void validateConfigKeys(Collection<String> keys) {
    for (String key : keys) {
      if (!CONFIG_KEYS.contains(key)) {
        throw invalidConfig(
            key
                + ": unknown key (expected one of: "
                + String.join(", ", CONFIG_KEYS.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static void validateConfigValue(String key, String value) {
    if (value == null) {
      throw invalidConfig(key + ": null (expected: a value)");
    }
    switch (key) {
      case "cleanup_policy" -> {
        if (!CLEANUP_POLICIES.contains(value)) {
          throw invalidConfig(
              key + ": " + value + " (expected: delete, compact or compact,delete)");
        }
      }
      case "segment_bytes" -> requireLong(key, value, 1);
      // -1 means "no limit", as in Kafka.
      default -> requireLong(key, value, -1);
    }
  }

  private static void requireLong(String key, String value, long min) {
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalidConfig(key + ": " + value + " (expected: an integer >= " + min + ")");
    }
    if (parsed < min) {
      throw invalidConfig(key + ": " + value + " (expected: an integer >= " + min + ")");
    }
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private static MetadataException invalidName(String name, String why) {
    return new MetadataException(
        MetadataErrorCode.INVALID_TOPIC_NAME, "topic name '" + shown(name) + "': " + why);
  }

  /** The name as an error shows it: a name far past the limit is cut, so the error stays short. */
  private static String shown(String name) {
    if (name == null) {
      return "";
    }
    int keep = MAX_NAME_LENGTH + 16;
    return name.length() <= keep
        ? name
        : name.substring(0, keep) + "... (" + name.length() + " characters)";
  }

  private static MetadataException invalidConfig(String message) {
    return new MetadataException(MetadataErrorCode.INVALID_CONFIG, "topic config " + message);
  }
}
