package io.flymq.server.log;

import io.flymq.record.TimestampType;
import io.flymq.storage.log.CleanupPolicy;
import io.flymq.storage.log.LogConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The per-topic settings a topic's configs may override, and how they map onto a partition's {@link
 * LogConfig}. Keys follow the server's snake_case style.
 */
public final class TopicLogConfigs {
  public static final String RETENTION_MS = "retention_ms";
  public static final String RETENTION_BYTES = "retention_bytes";
  public static final String SEGMENT_BYTES = "segment_bytes";
  public static final String SEGMENT_MS = "segment_ms";
  public static final String CLEANUP_POLICY = "cleanup_policy";
  public static final String MAX_MESSAGE_BYTES = "max_message_bytes";
  public static final String TIMESTAMP_TYPE = "message_timestamp_type";
  public static final String DELETE_RETENTION_MS = "delete_retention_ms";

  public static final Set<String> KEYS =
      Set.of(
          RETENTION_MS,
          RETENTION_BYTES,
          SEGMENT_BYTES,
          SEGMENT_MS,
          CLEANUP_POLICY,
          MAX_MESSAGE_BYTES,
          TIMESTAMP_TYPE,
          DELETE_RETENTION_MS);

  private TopicLogConfigs() {}

  /**
   * The broker defaults overridden by a topic's configs.
   *
   * @throws IllegalArgumentException listing every unknown key or bad value, with the accepted ones
   */
  public static LogConfig apply(LogConfig defaults, Map<String, String> topicConfigs) {
    LogConfig.Builder builder = defaults.toBuilder();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, String> entry : topicConfigs.entrySet()) {
      String value = entry.getValue().trim();
      try {
        switch (entry.getKey()) {
          case RETENTION_MS -> builder.retentionMs(Long.parseLong(value));
          case RETENTION_BYTES -> builder.retentionBytes(Long.parseLong(value));
          case SEGMENT_BYTES -> builder.segmentBytes(Integer.parseInt(value));
          case SEGMENT_MS -> builder.segmentMs(Long.parseLong(value));
          case MAX_MESSAGE_BYTES -> builder.maxBatchBytes(Integer.parseInt(value));
          case DELETE_RETENTION_MS -> builder.deleteRetentionMs(Long.parseLong(value));
          case CLEANUP_POLICY ->
              builder.cleanupPolicy(CleanupPolicy.valueOf(value.toUpperCase(Locale.ROOT)));
          case TIMESTAMP_TYPE ->
              builder.timestampType(TimestampType.valueOf(value.toUpperCase(Locale.ROOT)));
          default ->
              errors.add(
                  entry.getKey()
                      + ": unknown topic config (expected one of "
                      + KEYS.stream().sorted().toList()
                      + ")");
        }
      } catch (IllegalArgumentException e) {
        errors.add(entry.getKey() + ": " + value + " (" + expectation(entry.getKey()) + ")");
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid topic config: " + String.join("; ", errors));
    }
    return builder.build();
  }

  private static String expectation(String key) {
    return switch (key) {
      case CLEANUP_POLICY -> "expected: delete or compact";
      case TIMESTAMP_TYPE -> "expected: create_time or log_append_time";
      default -> "expected: a whole number";
    };
  }
}
