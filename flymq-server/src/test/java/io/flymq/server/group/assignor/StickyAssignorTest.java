package io.flymq.server.group.assignor;

import static io.flymq.server.group.assignor.AssignorTestSupport.coversExactlyOnce;
import static io.flymq.server.group.assignor.AssignorTestSupport.members;
import static io.flymq.server.group.assignor.AssignorTestSupport.moved;
import static io.flymq.server.group.assignor.AssignorTestSupport.partitions;
import static io.flymq.server.group.assignor.AssignorTestSupport.spread;
import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.message.membership.PartitionRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StickyAssignorTest {
  private final StickyAssignor assignor = new StickyAssignor();
  private static final Map<String, Integer> SIX = Map.of("t", 6);

  @Test
  void shouldKeepEveryOwnerWhenTheCountsAreAlreadyBalanced() {
    Map<String, SortedSet<PartitionRef>> current =
        Map.of("a", partitions("t", 0, 4), "b", partitions("t", 1, 5), "c", partitions("t", 2, 3));

    var result = assignor.assign(members(List.of("a", "b", "c"), "t"), SIX, current);

    assertThat(result).isEqualTo(new TreeMap<>(current));
  }

  @Test
  void shouldMoveOnePartitionWhenAFourthMemberJoinsThreeWithTwoEach() {
    Map<String, SortedSet<PartitionRef>> current =
        Map.of("a", partitions("t", 0, 1), "b", partitions("t", 2, 3), "c", partitions("t", 4, 5));

    var result = assignor.assign(members(List.of("a", "b", "c", "d"), "t"), SIX, current);

    // 2/2/1/1 is balanced: one move suffices, and only one happens.
    assertThat(moved(current, result)).isEqualTo(1);
    assertThat(result.get("d")).hasSize(1);
    assertThat(result.values().stream().map(Set::size).sorted().toList())
        .containsExactly(1, 1, 2, 2);
  }

  @Test
  void shouldGiveOnlyTheDepartedMembersPartitionsToTheOthers() {
    Map<String, SortedSet<PartitionRef>> current =
        Map.of("a", partitions("t", 0, 1), "b", partitions("t", 2, 3), "c", partitions("t", 4, 5));

    var result = assignor.assign(members(List.of("a", "c"), "t"), SIX, current);

    assertThat(result.get("a")).containsAll(partitions("t", 0, 1));
    assertThat(result.get("c")).containsAll(partitions("t", 4, 5));
    assertThat(spread(result)).isZero();
    assertThat(moved(Map.of("a", current.get("a"), "c", current.get("c")), result)).isZero();
  }

  @Test
  void shouldSpreadAnOverloadedOwnersPartitionsAndMoveNoMoreThanItsExcess() {
    Map<String, SortedSet<PartitionRef>> current = Map.of("a", partitions("t", 0, 1, 2, 3, 4, 5));

    var result = assignor.assign(members(List.of("a", "b", "c"), "t"), SIX, current);

    assertThat(result.values()).allSatisfy(owned -> assertThat(owned).hasSize(2));
    assertThat(moved(current, result)).isEqualTo(4);
  }

  @Test
  void shouldStayBalancedCompleteAndMinimalOverRandomChurn() {
    Random random = new Random(42);
    Map<String, Integer> counts = Map.of("t", 13, "u", 5);
    Map<String, SortedSet<PartitionRef>> current = new HashMap<>();
    List<String> pool = IntStream.range(0, 8).mapToObj(i -> "m" + i).toList();
    for (int round = 0; round < 200; round++) {
      List<String> ids = pool.stream().filter(id -> random.nextInt(3) > 0).toList();
      if (ids.isEmpty()) {
        continue;
      }
      var result = assignor.assign(members(ids, "t", "u"), counts, current);

      assertThat(coversExactlyOnce(result, counts)).isTrue();
      assertThat(spread(result)).isLessThanOrEqualTo(1);
      assertThat(moved(survivors(current, ids), result)).isEqualTo(minimumMoves(current, ids, 18));
      current = new HashMap<>(result);
    }
  }

  @Test
  void shouldBeDeterministic() {
    Map<String, SortedSet<PartitionRef>> current = Map.of("b", partitions("t", 0, 1, 2, 3));
    SortedMap<String, Set<String>> subscriptions = members(List.of("a", "b", "c"), "t");

    assertThat(assignor.assign(subscriptions, Map.of("t", 8), current))
        .isEqualTo(
            assignor.assign(new TreeMap<>(subscriptions), Map.of("t", 8), Map.copyOf(current)));
  }

  private static Map<String, SortedSet<PartitionRef>> survivors(
      Map<String, SortedSet<PartitionRef>> current, List<String> ids) {
    Map<String, SortedSet<PartitionRef>> kept = new HashMap<>(current);
    kept.keySet().retainAll(ids);
    return kept;
  }

  /**
   * The fewest moves of previously owned partitions that can reach a balanced assignment: members
   * over the ceiling must shed the excess, and only {@code total % members} may keep the ceiling.
   */
  private static int minimumMoves(
      Map<String, SortedSet<PartitionRef>> current, List<String> ids, int total) {
    int floor = total / ids.size();
    int ceilings = total % ids.size();
    int moves = 0;
    int atOrAboveCeiling = 0;
    for (String id : ids) {
      int owned = current.getOrDefault(id, new java.util.TreeSet<>()).size();
      if (ceilings > 0 ? owned >= floor + 1 : owned >= floor) {
        atOrAboveCeiling++;
      }
      moves += Math.max(0, owned - (ceilings > 0 ? floor + 1 : floor));
    }
    // Members sitting at the ceiling beyond the slots it has must drop one each.
    if (ceilings > 0) {
      moves += Math.max(0, atOrAboveCeiling - ceilings);
    }
    return moves;
  }
}
