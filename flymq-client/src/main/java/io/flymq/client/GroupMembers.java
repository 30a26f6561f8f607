package io.flymq.client;

import java.util.List;

/**
 * A consumer group's live membership (GROUP_DESCRIBE): who is in it, what each owns, and why the
 * latest members left.
 *
 * @param group the group id
 * @param state {@code Stable}, {@code Reconciling} (partitions moving) or {@code Empty}
 * @param generation the current generation
 * @param assignor the assignment strategy in use
 * @param members the live members, by id
 * @param departures the latest departures, newest first
 */
public record GroupMembers(
    String group,
    String state,
    int generation,
    String assignor,
    List<Member> members,
    List<Departure> departures) {

  /**
   * A live member.
   *
   * @param memberId its id
   * @param instanceId its static instance id, empty when dynamic
   * @param client its address ({@code ip:port})
   * @param topics its subscription
   * @param assignment the partitions it owns
   */
  public record Member(
      String memberId,
      String instanceId,
      String client,
      List<String> topics,
      List<TopicPartition> assignment) {}

  /**
   * A member that left or was removed.
   *
   * @param memberId its id
   * @param instanceId its static instance id, empty when dynamic
   * @param reason {@code left}, {@code session timeout}, {@code poll timeout} or {@code fenced}
   * @param atMs when, ms since the epoch
   */
  public record Departure(String memberId, String instanceId, String reason, long atMs) {}
}
