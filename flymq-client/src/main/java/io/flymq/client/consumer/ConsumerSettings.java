package io.flymq.client.consumer;

import static io.flymq.client.consumer.ConsumerConfig.AUTO_COMMIT_INTERVAL_MS;
import static io.flymq.client.consumer.ConsumerConfig.AUTO_OFFSET_RESET;
import static io.flymq.client.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT;
import static io.flymq.client.consumer.ConsumerConfig.FETCH_MAX_BYTES;
import static io.flymq.client.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS;
import static io.flymq.client.consumer.ConsumerConfig.FETCH_MIN_BYTES;
import static io.flymq.client.consumer.ConsumerConfig.GROUP_ID;
import static io.flymq.client.consumer.ConsumerConfig.GROUP_INSTANCE_ID;
import static io.flymq.client.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS;
import static io.flymq.client.consumer.ConsumerConfig.ISOLATION_LEVEL;
import static io.flymq.client.consumer.ConsumerConfig.MAX_FETCH_WAIT_MS;
import static io.flymq.client.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES;
import static io.flymq.client.consumer.ConsumerConfig.MAX_POLL_INTERVAL_MS;
import static io.flymq.client.consumer.ConsumerConfig.MAX_POLL_RECORDS;
import static io.flymq.client.consumer.ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY;
import static io.flymq.client.consumer.ConsumerConfig.SESSION_TIMEOUT_MS;

import io.flymq.client.consumer.ConsumerConfig.AutoOffsetReset;
import io.flymq.client.internal.SettingParser;
import io.flymq.protocol.message.batch.IsolationLevel;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * The consumer's own settings in their string form, as a properties file gives them (Kafka's key
 * names, {@link ConsumerConfig#KEYS}): each value is parsed and handed to the {@link
 * ConsumerConfig.Builder}'s typed setter, so both ways of configuring meet in the same fields and
 * the same checks of {@code build()}. A malformed value is recorded in the builder's {@link
 * SettingParser}, to be reported by {@code build()} with every other mistake, and leaves the
 * setting as it was.
 *
 * <p>Not thread-safe; one per builder.
 */
final class ConsumerSettings {
  /**
   * What {@link SettingParser#number} returns for a rejected value: below every key's minimum (none
   * is negative), so it is never a valid setting.
   */
  private static final long REJECTED = -1;

  private final SettingParser parser;

  /**
   * @param parser records malformed values; the builder's own, which {@code build()} reports
   */
  ConsumerSettings(SettingParser parser) {
    this.parser = parser;
  }

  /**
   * Parses {@code value} and sets it on {@code builder}.
   *
   * @return false when {@code key} is not one of the consumer's own keys (nothing happened)
   */
  boolean apply(ConsumerConfig.Builder builder, String key, String value) {
    switch (key) {
      case GROUP_ID:
        builder.groupId(value);
        break;
      case GROUP_INSTANCE_ID:
        builder.groupInstanceId(value);
        break;
      case SESSION_TIMEOUT_MS:
        millis(key, value, 1, Integer.MAX_VALUE, builder::sessionTimeout);
        break;
      case HEARTBEAT_INTERVAL_MS:
        millis(key, value, 1, Integer.MAX_VALUE, builder::heartbeatInterval);
        break;
      case MAX_POLL_INTERVAL_MS:
        millis(key, value, 1, Integer.MAX_VALUE, builder::maxPollInterval);
        break;
      case PARTITION_ASSIGNMENT_STRATEGY:
        assignmentStrategy(builder, value);
        break;
      case AUTO_OFFSET_RESET:
        autoOffsetReset(builder, value);
        break;
      case ENABLE_AUTO_COMMIT:
        builder.enableAutoCommit(parser.bool(key, value, false));
        break;
      case AUTO_COMMIT_INTERVAL_MS:
        millis(key, value, 1, Integer.MAX_VALUE, builder::autoCommitInterval);
        break;
      case FETCH_MIN_BYTES:
        count(key, value, 0, builder::fetchMinBytes);
        break;
      case FETCH_MAX_WAIT_MS:
        millis(key, value, 0, MAX_FETCH_WAIT_MS, builder::fetchMaxWait);
        break;
      case FETCH_MAX_BYTES:
        count(key, value, 1, builder::fetchMaxBytes);
        break;
      case MAX_PARTITION_FETCH_BYTES:
        count(key, value, 1, builder::maxPartitionFetchBytes);
        break;
      case MAX_POLL_RECORDS:
        count(key, value, 1, builder::maxPollRecords);
        break;
      case ISOLATION_LEVEL:
        isolationLevel(builder, value);
        break;
      default:
        return false;
    }
    return true;
  }

  private void assignmentStrategy(ConsumerConfig.Builder builder, String value) {
    AssignmentStrategy strategy = AssignmentStrategy.parse(value);
    if (strategy == null) {
      parser.error(
          PARTITION_ASSIGNMENT_STRATEGY,
          value,
          "range, roundrobin or sticky (or a Kafka assignor class name)");
    } else {
      builder.assignmentStrategy(strategy);
    }
  }

  private void autoOffsetReset(ConsumerConfig.Builder builder, String value) {
    for (AutoOffsetReset candidate : AutoOffsetReset.values()) {
      if (candidate.configName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        builder.autoOffsetReset(candidate);
        return;
      }
    }
    parser.error(AUTO_OFFSET_RESET, value, "earliest, latest or none");
  }

  private void isolationLevel(ConsumerConfig.Builder builder, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "read_uncommitted":
        builder.isolationLevel(IsolationLevel.READ_UNCOMMITTED);
        break;
      case "read_committed":
        builder.isolationLevel(IsolationLevel.READ_COMMITTED);
        break;
      default:
        parser.error(ISOLATION_LEVEL, value, "read_uncommitted or read_committed");
    }
  }

  private void millis(
      String key, String value, long min, long max, java.util.function.Consumer<Duration> setter) {
    long ms = parser.number(key, value, min, max, REJECTED);
    if (ms != REJECTED) {
      setter.accept(Duration.ofMillis(ms));
    }
  }

  private void count(String key, String value, long min, IntConsumer setter) {
    long count = parser.number(key, value, min, Integer.MAX_VALUE, REJECTED);
    if (count != REJECTED) {
      setter.accept((int) count);
    }
  }
}
