package io.flymq.client.internal.consumer;

import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicInfo;
import io.flymq.client.TopicPartition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Every partition of the subscribed topics, as a subscriber without group membership reads them.
 * Partition counts are asked for (METADATA) when the subscription is made; a topic that fails the
 * look-up is asked again on the next {@link #current()}. Partitions added to a topic later are not
 * picked up until the application subscribes again.
 *
 * <p>Used from the polling thread only; the look-ups complete on the client's I/O thread and then
 * run the {@code onComplete} callback.
 */
public final class TopicSubscription implements AssignmentSource {
  private final FlyMQClient client;
  private final Runnable onComplete;
  private final Map<String, CompletableFuture<TopicInfo>> lookups = new LinkedHashMap<>();
  private Set<TopicPartition> assignment;

  /**
   * Starts the look-ups.
   *
   * @param client asks for the partition counts
   * @param topics the topics
   * @param onComplete called (on the I/O thread) when a look-up finishes, to wake {@code poll}
   */
  public TopicSubscription(FlyMQClient client, Collection<String> topics, Runnable onComplete) {
    this.client = client;
    this.onComplete = onComplete;
    for (String topic : new LinkedHashSet<>(topics)) {
      lookups.put(topic, lookUp(topic));
    }
  }

  private CompletableFuture<TopicInfo> lookUp(String topic) {
    CompletableFuture<TopicInfo> lookup = client.topicAsync(topic);
    lookup.whenComplete((info, error) -> onComplete.run());
    return lookup;
  }

  @Override
  public Set<TopicPartition> current() {
    if (assignment != null) {
      return assignment;
    }
    Set<TopicPartition> partitions = new LinkedHashSet<>();
    for (Map.Entry<String, CompletableFuture<TopicInfo>> entry : lookups.entrySet()) {
      CompletableFuture<TopicInfo> lookup = entry.getValue();
      if (!lookup.isDone()) {
        return null;
      }
      if (lookup.isCompletedExceptionally()) {
        entry.setValue(lookUp(entry.getKey()));
        throw OffsetLookups.asFlyMQ(
            lookup.handle((info, error) -> error).join(), "subscribing to " + entry.getKey());
      }
      TopicInfo info = lookup.join();
      for (int p = 0; p < info.partitions(); p++) {
        partitions.add(new TopicPartition(entry.getKey(), p));
      }
    }
    assignment = Set.copyOf(partitions);
    return assignment;
  }

  @Override
  public Set<String> topics() {
    return Set.copyOf(lookups.keySet());
  }
}
