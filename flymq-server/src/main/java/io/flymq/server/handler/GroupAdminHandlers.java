package io.flymq.server.handler;

import io.flymq.protocol.Dialect;
import io.flymq.protocol.DialectMode;
import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.group.DescribeGroupJavaResponse;
import io.flymq.protocol.message.group.DescribeGroupResponse;
import io.flymq.protocol.message.group.GetLagResponse;
import io.flymq.protocol.message.group.GroupDescription;
import io.flymq.protocol.message.group.GroupPartitionRequest;
import io.flymq.protocol.message.group.GroupRequest;
import io.flymq.protocol.message.group.GroupSummary;
import io.flymq.protocol.message.group.ListGroupsJavaResponse;
import io.flymq.protocol.message.group.ListGroupsResponse;
import io.flymq.server.group.CommittedOffset;
import io.flymq.server.group.GroupCoordinator;
import io.flymq.server.group.OffsetKey;
import io.flymq.server.group.OffsetStore;
import io.flymq.server.group.OffsetStore.GroupOffsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The v1 group administration opcodes over the {@link OffsetStore}: LIST_GROUPS (WIRE-V1 13.3),
 * DESCRIBE_GROUP (13.4), GET_LAG (13.5) and DELETE_GROUP (13.6), in the layouts each SDK reads.
 *
 * <p>A group is known on a topic once it committed there (or SUBSCRIBE named it) or once a live v2
 * member of the {@link GroupCoordinator} subscribes to the topic. Member counts are the live
 * members subscribed to the topic; the Java layout's state is {@code Stable} with live members,
 * else {@code Empty}, and lists the live member ids. DELETE_GROUP refuses a group with live members
 * (their commits would recreate it). Lag is exact whether or not anyone consumes: the true log end
 * minus the committed offset. Map reads only, except DELETE_GROUP, which is answered once its
 * tombstones are appended. Thread-safe.
 */
public final class GroupAdminHandlers {
  private static final String EMPTY_STATE = "Empty";
  private static final String STABLE_STATE = "Stable";
  private static final Comparator<GroupOffsets> ORDER =
      Comparator.comparing(GroupOffsets::topic).thenComparing(GroupOffsets::group);

  private final Topics topics;
  private final OffsetStore offsets;
  private final GroupCoordinator coordinator;
  private final DialectMode dialect;
  private final String coordinatorNode;

  /**
   * @param dialect which LIST_GROUPS layout to send ({@code protocol.v1_dialect})
   * @param coordinator this broker's node id, named as every group's coordinator
   */
  public GroupAdminHandlers(
      Topics topics,
      OffsetStore offsets,
      GroupCoordinator coordinator,
      DialectMode dialect,
      String coordinatorNode) {
    this.topics = topics;
    this.offsets = offsets;
    this.coordinator = coordinator;
    this.dialect = dialect;
    this.coordinatorNode = coordinatorNode;
  }

  public void register(RequestRouter router) {
    router
        .register(Opcode.LIST_GROUPS, EmptyRequest.class, (r, c) -> list())
        .register(Opcode.DESCRIBE_GROUP, GroupRequest.class, (r, c) -> describe(r))
        .register(Opcode.GET_LAG, GroupPartitionRequest.class, (r, c) -> lag(r))
        .register(Opcode.DELETE_GROUP, GroupRequest.class, (r, c) -> delete(r));
  }

  private CompletableFuture<Response> list() {
    SortedMap<String, List<GroupCoordinator.Member>> live = coordinator.liveMembers();
    List<GroupOffsets> groups = known(live);
    Message answer =
        dialect.listGroupsLayout() == Dialect.JAVA
            ? new ListGroupsJavaResponse(new ArrayList<>(byGroupId(groups, live).values()))
            : new ListGroupsResponse(groups.stream().map(g -> summary(g, live)).toList());
    return CompletableFuture.completedFuture(Response.of(answer));
  }

  private CompletableFuture<Response> describe(GroupRequest request) {
    SortedMap<String, List<GroupCoordinator.Member>> live = coordinator.liveMembers();
    List<GroupOffsets> matches = matching(request, live);
    if (request.topic().isEmpty()) {
      GroupDescription group = byGroupId(matches, live).get(request.groupId());
      return CompletableFuture.completedFuture(Response.of(new DescribeGroupJavaResponse(group)));
    }
    // The reference layout describes one topic: the named one, or the first in name order (Go).
    return CompletableFuture.completedFuture(
        Response.of(new DescribeGroupResponse(summary(matches.get(0), live))));
  }

  private CompletableFuture<Response> lag(GroupPartitionRequest request) {
    requireGroup(request.topic(), request.groupId());
    return topics
        .existingPartition(request.topic(), request.partition())
        .thenApply(
            open -> {
              long end = open.log().logEndOffset();
              // 0 when nothing is committed on this partition (WIRE-V1 13.5).
              long committed =
                  offsets
                      .committed(
                          new OffsetKey(request.groupId(), request.topic(), request.partition()))
                      .map(CommittedOffset::offset)
                      .orElse(0L);
              return Response.of(
                  new GetLagResponse(committed, committed, end, Math.max(0, end - committed)));
            });
  }

  private CompletableFuture<Response> delete(GroupRequest request) {
    List<String> members = coordinator.liveMemberIds(request.groupId());
    if (!members.isEmpty()) {
      throw new BrokerException(
          ErrorCode.INVALID_REQUEST,
          "consumer group has live members: "
              + request.groupId()
              + " ("
              + members.size()
              + " members; stop its consumers, or wait for their session timeout, then delete it)");
    }
    List<CompletableFuture<Integer>> deletions = new ArrayList<>();
    for (GroupOffsets group : matching(request, Map.of())) {
      deletions.add(offsets.deleteGroup(group.topic(), group.group()));
    }
    return CompletableFuture.allOf(deletions.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> Response.of(new AckResponse(Opcode.DELETE_GROUP, true)));
  }

  /**
   * The groups a DESCRIBE/DELETE request names: (topic, group) for the two-string form, the group
   * id on every topic for the Java one-string form and the Go SDK's empty topic.
   *
   * @throws BrokerException GROUP_NOT_FOUND when there is none
   */
  private List<GroupOffsets> matching(
      GroupRequest request, Map<String, List<GroupCoordinator.Member>> live) {
    Optional<String> topic = request.topic().filter(t -> !t.isEmpty());
    List<GroupOffsets> found =
        known(live).stream()
            .filter(g -> g.group().equals(request.groupId()))
            .filter(g -> topic.isEmpty() || g.topic().equals(topic.get()))
            .toList();
    if (found.isEmpty()) {
      String name =
          request.topic().isEmpty()
              ? request.groupId()
              : request.topic().get() + ":" + request.groupId();
      throw new BrokerException(ErrorCode.GROUP_NOT_FOUND, "consumer group not found: " + name);
    }
    return found;
  }

  /**
   * Fails unless the group is known on the topic, from commits or from a live member subscribed to
   * it: the same groups LIST_GROUPS and DESCRIBE_GROUP show.
   */
  private void requireGroup(String topic, String group) {
    boolean live =
        coordinator.liveMembers().getOrDefault(group, List.of()).stream()
            .anyMatch(member -> member.topics().contains(topic));
    if (!live && !offsets.groupExists(topic, group)) {
      throw new BrokerException(
          ErrorCode.GROUP_NOT_FOUND, "consumer group not found: " + topic + ":" + group);
    }
  }

  private record TopicGroup(String topic, String group) {}

  /**
   * The stored groups plus a (topic, group) for every topic a live member subscribes to, sorted by
   * topic, then group.
   */
  private List<GroupOffsets> known(Map<String, List<GroupCoordinator.Member>> live) {
    List<GroupOffsets> all = new ArrayList<>(offsets.groups());
    Set<TopicGroup> present = new HashSet<>();
    all.forEach(g -> present.add(new TopicGroup(g.topic(), g.group())));
    live.forEach(
        (group, members) ->
            members.forEach(
                member ->
                    member.topics().stream()
                        .filter(topic -> present.add(new TopicGroup(topic, group)))
                        .forEach(
                            topic -> all.add(new GroupOffsets(topic, group, new TreeMap<>())))));
    all.sort(ORDER);
    return all;
  }

  private static GroupSummary summary(
      GroupOffsets group, Map<String, List<GroupCoordinator.Member>> live) {
    List<GroupSummary.PartitionOffset> committed = new ArrayList<>();
    group.offsets().forEach((p, o) -> committed.add(new GroupSummary.PartitionOffset(p, o)));
    int members =
        (int)
            live.getOrDefault(group.group(), List.of()).stream()
                .filter(m -> m.topics().contains(group.topic()))
                .count();
    return new GroupSummary(group.topic(), group.group(), members, committed);
  }

  /** One Java-layout description per group id, with every topic it is known on (13.3). */
  private Map<String, GroupDescription> byGroupId(
      List<GroupOffsets> groups, Map<String, List<GroupCoordinator.Member>> live) {
    Map<String, List<String>> topicsByGroup = new LinkedHashMap<>();
    for (GroupOffsets group : groups) {
      topicsByGroup.computeIfAbsent(group.group(), g -> new ArrayList<>()).add(group.topic());
    }
    Map<String, GroupDescription> descriptions = new LinkedHashMap<>();
    topicsByGroup.forEach(
        (group, topicNames) -> {
          List<String> members =
              live.getOrDefault(group, List.of()).stream()
                  .map(GroupCoordinator.Member::memberId)
                  .toList();
          String state = members.isEmpty() ? EMPTY_STATE : STABLE_STATE;
          descriptions.put(
              group, new GroupDescription(group, state, members, topicNames, coordinatorNode));
        });
    return descriptions;
  }
}
