package io.flymq.server.group.assignor;

import static io.flymq.server.group.assignor.AssignorTestSupport.members;
import static io.flymq.server.group.assignor.AssignorTestSupport.partitions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RangeAssignorTest {
  private final RangeAssignor assignor = new RangeAssignor();

  @Test
  void shouldGiveEachMemberAContiguousRangeWithTheExtrasToTheFirstMembers() {
    var result = assignor.assign(members(List.of("c", "a", "b"), "t"), Map.of("t", 7), Map.of());

    assertThat(result)
        .containsEntry("a", partitions("t", 0, 1, 2))
        .containsEntry("b", partitions("t", 3, 4))
        .containsEntry("c", partitions("t", 5, 6));
  }

  @Test
  void shouldSplitEachTopicOnlyOverItsSubscribers() {
    SortedMap<String, Set<String>> subscriptions = new TreeMap<>();
    subscriptions.put("a", Set.of("t", "u"));
    subscriptions.put("b", Set.of("t"));
    subscriptions.put("c", Set.of("u"));

    var result = assignor.assign(subscriptions, Map.of("t", 2, "u", 4), Map.of());

    assertThat(result.get("a"))
        .containsExactlyElementsOf(union(partitions("t", 0), partitions("u", 0, 1)));
    assertThat(result.get("b")).containsExactlyElementsOf(partitions("t", 1));
    assertThat(result.get("c")).containsExactlyElementsOf(partitions("u", 2, 3));
  }

  @Test
  void shouldLeaveMembersEmptyWhenThereAreMoreMembersThanPartitionsOrTheTopicIsMissing() {
    var result =
        assignor.assign(members(List.of("a", "b", "c"), "t", "missing"), Map.of("t", 2), Map.of());

    assertThat(result)
        .containsEntry("a", partitions("t", 0))
        .containsEntry("b", partitions("t", 1))
        .containsEntry("c", partitions("t"));
  }

  @Test
  void shouldBeDeterministic() {
    var subscriptions = members(List.of("m3", "m1", "m2"), "t", "u");
    Map<String, Integer> counts = Map.of("t", 5, "u", 3);

    assertThat(assignor.assign(subscriptions, counts, Map.of()))
        .isEqualTo(assignor.assign(new TreeMap<>(subscriptions), Map.copyOf(counts), Map.of()));
  }

  private static java.util.SortedSet<io.flymq.protocol.message.membership.PartitionRef> union(
      java.util.SortedSet<io.flymq.protocol.message.membership.PartitionRef> a,
      java.util.SortedSet<io.flymq.protocol.message.membership.PartitionRef> b) {
    var all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
