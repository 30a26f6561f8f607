package io.flymq.server.group;

import java.util.OptionalInt;

/**
 * How the coordinator learns the topics its groups subscribe to: a topic's partition count, or
 * empty while the topic does not exist. Backed by the metadata image; must be cheap and
 * non-blocking (it is called under a group's lock, on event loops). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface PartitionCounts {
  /** The topic's partition count, or empty when there is no such topic. */
  OptionalInt partitionCount(String topic);
}
