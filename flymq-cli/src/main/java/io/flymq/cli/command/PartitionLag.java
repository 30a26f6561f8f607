package io.flymq.cli.command;

import io.flymq.client.FlyMQClient;
import io.flymq.client.GroupInfo;
import io.flymq.client.GroupLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A consumer group's position on one partition, read one way for both {@code groups lag} and {@code
 * groups describe} so that the two always print the same numbers.
 *
 * <p>Where the group has no commit on the partition, {@link #committed()} and {@link #lag()} are
 * empty: the commands print "-" (null in JSON and YAML), as Kafka's {@code kafka-consumer-groups}
 * does. The broker's GET_LAG answers committed 0 and the whole log as lag there (WIRE-V1 13.5,
 * which the SDKs read), but a consumer without a commit starts where its {@code auto.offset.reset}
 * says (the log end by default), not at 0, so any number would be made up. DESCRIBE_GROUP tells
 * which partitions have a commit (it leaves the others out instead of answering 0); GET_LAG gives
 * the lag of those that do.
 *
 * @param partition the partition
 * @param committed the group's committed offset; empty without a commit
 * @param logEnd the partition's log end offset (the next offset to be written)
 * @param lag records after the committed offset; empty without a commit
 */
record PartitionLag(int partition, OptionalLong committed, long logEnd, OptionalLong lag) {

  /**
   * Reads the group's position on each of {@code partitions} of its topic: one GET_LAG per
   * partition with a commit, one SUBSCRIBE for the log end of each without.
   *
   * @param group the group on one topic, as DESCRIBE_GROUP describes it
   */
  static List<PartitionLag> read(FlyMQClient client, GroupInfo group, List<Integer> partitions) {
    List<PartitionLag> lags = new ArrayList<>();
    for (int p : partitions) {
      if (group.committed().containsKey(p)) {
        GroupLag lag = client.lag(group.topic(), group.group(), p);
        lags.add(
            new PartitionLag(
                p, OptionalLong.of(lag.committed()), lag.logEnd(), OptionalLong.of(lag.lag())));
      } else {
        // Without a group id SUBSCRIBE only reads the log end: it does not name the group here.
        long end = client.subscribe(group.topic(), "", p, "latest");
        lags.add(new PartitionLag(p, OptionalLong.empty(), end, OptionalLong.empty()));
      }
    }
    return lags;
  }

  /** The sum of the partitions' lags where there is one; empty when no partition has a commit. */
  static OptionalLong total(List<PartitionLag> lags) {
    return lags.stream()
        .map(PartitionLag::lag)
        .filter(OptionalLong::isPresent)
        .mapToLong(OptionalLong::getAsLong)
        .reduce(Long::sum);
  }

  /**
   * Adds the columns both commands print, in their order: committed offset, log end, lag (null,
   * printed "-", without a commit).
   */
  void putColumns(Map<String, Object> row) {
    row.put("committed_offset", committedOrNull());
    row.put("log_end_offset", logEnd);
    row.put("lag", lagOrNull());
  }

  /** The committed offset, or null (printed "-") without a commit. */
  Long committedOrNull() {
    return orNull(committed);
  }

  /** The lag, or null (printed "-") without a commit. */
  Long lagOrNull() {
    return orNull(lag);
  }

  static Long orNull(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }
}
