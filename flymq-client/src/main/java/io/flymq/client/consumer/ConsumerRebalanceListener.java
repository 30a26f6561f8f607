package io.flymq.client.consumer;

import io.flymq.client.TopicPartition;
import java.util.Collection;

/**
 * Hears about partitions a group member gives up and receives, as in Kafka's cooperative protocol:
 * only partitions that actually move are reported, so a partition that stays with this consumer
 * through a rebalance is never revoked and assigned again.
 *
 * <p>Every method runs on the polling thread, inside {@link Consumer#poll} (or {@link
 * Consumer#close}, {@link Consumer#unsubscribe}), and may call the consumer: e.g. commit in {@link
 * #onPartitionsRevoked} or seek in {@link #onPartitionsAssigned}. Revocations of a rebalance are
 * always reported before its assignments. An exception thrown by a method is logged and does not
 * stop the rebalance.
 */
public interface ConsumerRebalanceListener {
  /**
   * The consumer is about to give these partitions up: their positions were auto-committed (with
   * {@code enable.auto.commit}) and may still be committed here; once this returns, their buffered
   * records are dropped and the coordinator may hand them to another member.
   *
   * @param partitions the partitions leaving this consumer, possibly empty on close
   */
  void onPartitionsRevoked(Collection<TopicPartition> partitions);

  /**
   * The consumer owns these partitions from now on. Their positions start at the group's committed
   * offsets (or by {@code auto.offset.reset}) unless this method seeks.
   *
   * @param partitions the partitions added, never the ones the consumer kept
   */
  void onPartitionsAssigned(Collection<TopicPartition> partitions);

  /**
   * The group removed this member (its session timed out, it exceeded {@code max.poll.interval.ms},
   * or it was fenced) so these partitions may already belong to another member: committing them
   * would fail. By default calls {@link #onPartitionsRevoked}.
   *
   * @param partitions the partitions the consumer owned
   */
  default void onPartitionsLost(Collection<TopicPartition> partitions) {
    onPartitionsRevoked(partitions);
  }

  /** A listener that does nothing. */
  static ConsumerRebalanceListener none() {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    };
  }
}
