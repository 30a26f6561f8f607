package io.flymq.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * A consumer's place in its group at one moment, as {@link Consumer#groupMetadata()} returns it.
 * Immutable.
 *
 * @param groupId the group, empty when the consumer has no {@code group.id}
 * @param generation the group generation the member last saw; -1 when not a member
 * @param memberId the id the coordinator gave the member; empty when not a member (yet)
 * @param groupInstanceId the static membership id, if configured
 */
public record ConsumerGroupMetadata(
    String groupId, int generation, String memberId, Optional<String> groupInstanceId) {
  /** A generation of a consumer that is not a group member. */
  public static final int NO_GENERATION = -1;

  /**
   * @throws NullPointerException for null fields
   */
  public ConsumerGroupMetadata {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(groupInstanceId, "groupInstanceId");
  }
}
