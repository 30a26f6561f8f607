package io.flymq.server.group.assignor;

import static io.flymq.server.group.assignor.AssignorTestSupport.coversExactlyOnce;
import static io.flymq.server.group.assignor.AssignorTestSupport.members;
import static io.flymq.server.group.assignor.AssignorTestSupport.partitions;
import static io.flymq.server.group.assignor.AssignorTestSupport.spread;
import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RoundRobinAssignorTest {
  private final RoundRobinAssignor assignor = new RoundRobinAssignor();

  @Test
  void shouldDealSortedPartitionsInTurnOverSortedMembers() {
    var result =
        assignor.assign(members(List.of("b", "a"), "t", "u"), Map.of("t", 3, "u", 2), Map.of());

    assertThat(result.get("a"))
        .containsExactly(
            new PartitionRef("t", 0), new PartitionRef("t", 2), new PartitionRef("u", 1));
    assertThat(result.get("b")).containsExactly(new PartitionRef("t", 1), new PartitionRef("u", 0));
  }

  @Test
  void shouldSkipMembersNotSubscribedToAPartitionsTopic() {
    SortedMap<String, Set<String>> subscriptions = new TreeMap<>();
    subscriptions.put("a", Set.of("t"));
    subscriptions.put("b", Set.of("t", "u"));

    var result = assignor.assign(subscriptions, Map.of("t", 2, "u", 2), Map.of());

    assertThat(result.get("a")).isEqualTo(partitions("t", 0));
    assertThat(result.get("b"))
        .containsExactly(
            new PartitionRef("t", 1), new PartitionRef("u", 0), new PartitionRef("u", 1));
  }

  @Test
  void shouldBalanceWithinOneForEqualSubscriptions() {
    for (int memberCount = 1; memberCount <= 7; memberCount++) {
      List<String> ids =
          java.util.stream.IntStream.range(0, memberCount).mapToObj(i -> "m" + i).toList();
      Map<String, Integer> counts = Map.of("t", 10, "u", 3);

      var result = assignor.assign(members(ids, "t", "u"), counts, Map.of());

      assertThat(spread(result)).isLessThanOrEqualTo(1);
      assertThat(coversExactlyOnce(result, counts)).isTrue();
    }
  }
}
