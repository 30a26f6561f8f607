package io.flymq.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.server.raftlog.LogProtoUtils;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of the metadata state machine (STYLE 7): random command sequences, fed through
 * {@link MetadataStateMachine#applyTransaction} as Ratis would (encoded log entries), must match a
 * simple reference model and be deterministic.
 */
class MetadataStateMachineTest {
  private static final List<String> NAMES =
      List.of("orders", "payments", "a.b-c_d", "sensors/room1");
  private static final List<String> KEYS =
      List.of("retention_ms", "segment_bytes", "cleanup_policy");

  /** The reference: what each topic should look like, kept in the dumbest possible way. */
  private static final class Reference {
    final Map<String, TopicMetadata> topics = new HashMap<>();
    long version;

    MetadataResult apply(MetadataCommand command, long index) {
      TopicMetadata existing = topics.get(command.topic());
      if (command instanceof MetadataCommand.CreateTopic c) {
        if (existing != null) {
          return new MetadataResult.Rejected(MetadataErrorCode.TOPIC_ALREADY_EXISTS, "");
        }
        return changed(
            index,
            new TopicMetadata(
                c.topic(), c.topicId(), c.partitions(), c.configs(), c.createdAtMs()));
      }
      if (existing == null) {
        return new MetadataResult.Rejected(MetadataErrorCode.UNKNOWN_TOPIC, "");
      }
      switch (command) {
        case MetadataCommand.DeleteTopic d -> {
          topics.remove(d.topic());
          version = index;
          return new MetadataResult.Applied(index, existing);
        }
        case MetadataCommand.AlterTopicConfig a -> {
          var configs = new HashMap<>(existing.configs());
          configs.putAll(a.set());
          a.delete().forEach(configs::remove);
          return changed(
              index,
              new TopicMetadata(
                  existing.name(),
                  existing.topicId(),
                  existing.partitions(),
                  configs,
                  existing.createdAtMs()));
        }
        case MetadataCommand.CreatePartitions p -> {
          if (p.partitionCount() <= existing.partitionCount()) {
            return new MetadataResult.Rejected(MetadataErrorCode.INVALID_PARTITIONS, "");
          }
          if (p.partitionCount() != existing.partitionCount() + p.added().size()) {
            return new MetadataResult.Rejected(MetadataErrorCode.CONCURRENT_MODIFICATION, "");
          }
          var partitions = new ArrayList<>(existing.partitions());
          partitions.addAll(p.added());
          return changed(
              index,
              new TopicMetadata(
                  existing.name(),
                  existing.topicId(),
                  partitions,
                  existing.configs(),
                  existing.createdAtMs()));
        }
        default -> throw new AssertionError(command);
      }
    }

    private MetadataResult changed(long index, TopicMetadata topic) {
      topics.put(topic.name(), topic);
      version = index;
      return new MetadataResult.Applied(index, topic);
    }
  }

  @Property(tries = 300, seed = "20261128")
  void shouldMatchReferenceModelForRandomCommandSequences(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int length) {
    List<MetadataCommand> commands = randomCommands(new Random(seed), length);
    var machine = new MetadataStateMachine();
    var reference = new Reference();
    long index = 0;
    for (MetadataCommand command : commands) {
      index += 1 + (seed & 1); // gaps stand for Raft-internal entries (no-ops, configuration)
      MetadataResult expected = reference.apply(command, index);
      MetadataResult actual = apply(machine, command, index);
      if (expected instanceof MetadataResult.Rejected r) {
        assertThat(actual)
            .as("result of %s", command)
            .isInstanceOfSatisfying(
                MetadataResult.Rejected.class,
                a -> {
                  assertThat(a.code()).isEqualTo(r.code());
                  assertThat(a.message()).contains(command.topic());
                });
      } else {
        assertThat(actual).as("result of %s", command).isEqualTo(expected);
      }
      assertThat(machine.image().topics()).isEqualTo(reference.topics);
      assertThat(machine.image().version()).isEqualTo(reference.version);
    }
  }

  @Property(tries = 100, seed = "20261129")
  void shouldApplyDeterministically(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int length) {
    List<MetadataCommand> commands = randomCommands(new Random(seed), length);
    var first = new MetadataStateMachine();
    var second = new MetadataStateMachine();
    for (int i = 0; i < commands.size(); i++) {
      byte[] a = MetadataCodec.encode(apply(first, commands.get(i), i + 1));
      byte[] b = MetadataCodec.encode(apply(second, commands.get(i), i + 1));
      assertThat(a).isEqualTo(b);
    }
    assertThat(first.image()).isEqualTo(second.image());
    assertThat(MetadataCodec.encode(first.image())).isEqualTo(MetadataCodec.encode(second.image()));
  }

  @Test
  void shouldTellListenersBeforeAndAfterOnlyWhenTheImageChanges() {
    var machine = new MetadataStateMachine();
    List<String> seen = new ArrayList<>();
    machine.addListener(
        (before, after) ->
            seen.add(
                before.topics().keySet() + "->" + after.topics().keySet() + "@" + after.version()));
    machine.addListener(
        (before, after) -> {
          throw new IllegalStateException("a broken listener must not stop the others");
        });
    apply(machine, create("orders", 1), 1);
    apply(machine, create("orders", 1), 2); // rejected: no change, no call
    apply(machine, new MetadataCommand.DeleteTopic("orders"), 3);

    assertThat(seen).containsExactly("[]->[orders]@1", "[orders]->[]@3");
  }

  @Test
  void shouldFailTheEntryRatherThanSkipItWhenItCannotBeDecoded() {
    var machine = new MetadataStateMachine();
    var trx = transaction(machine, new byte[] {99, '{', '}'}, 1);

    assertThatThrownBy(() -> machine.applyTransaction(trx).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(CorruptMetadataException.class);
    assertThat(machine.image()).isEqualTo(MetadataImage.EMPTY);
  }

  static MetadataCommand.CreateTopic create(String name, int partitions) {
    return new MetadataCommand.CreateTopic(
        name,
        UUID.nameUUIDFromBytes(name.getBytes()),
        Collections.nCopies(partitions, new PartitionAssignment(0, 0)),
        Map.of(),
        1_000L);
  }

  private static MetadataResult apply(
      MetadataStateMachine machine, MetadataCommand command, long index) {
    var reply =
        machine.applyTransaction(transaction(machine, MetadataCodec.encode(command), index)).join();
    return MetadataCodec.decodeResult(reply.getContent().toByteArray());
  }

  private static TransactionContext transaction(
      MetadataStateMachine machine, byte[] data, long index) {
    var smEntry =
        StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(data)).build();
    return TransactionContext.newBuilder()
        .setStateMachine(machine)
        .setServerRole(RaftPeerRole.FOLLOWER)
        .setLogEntry(LogProtoUtils.toLogEntryProto(smEntry, 1, index))
        .build();
  }

  static List<MetadataCommand> randomCommands(Random random, int length) {
    List<MetadataCommand> commands = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      String name = NAMES.get(random.nextInt(NAMES.size()));
      commands.add(
          switch (random.nextInt(4)) {
            case 0 ->
                new MetadataCommand.CreateTopic(
                    name,
                    new UUID(random.nextLong(), random.nextLong()),
                    assignments(random, 1 + random.nextInt(4)),
                    configs(random),
                    random.nextInt(1_000_000));
            case 1 -> new MetadataCommand.DeleteTopic(name);
            case 2 -> {
              var set = configs(random);
              var delete = new LinkedHashMap<String, String>();
              KEYS.stream()
                  .filter(k -> !set.containsKey(k) && random.nextBoolean())
                  .forEach(k -> delete.put(k, ""));
              yield new MetadataCommand.AlterTopicConfig(name, set, Set.copyOf(delete.keySet()));
            }
            default -> {
              int count = 1 + random.nextInt(8);
              yield new MetadataCommand.CreatePartitions(
                  name, count, assignments(random, 1 + random.nextInt(count)));
            }
          });
    }
    return commands;
  }

  private static List<PartitionAssignment> assignments(Random random, int n) {
    List<PartitionAssignment> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new PartitionAssignment(random.nextInt(3), random.nextInt(3)));
    }
    return list;
  }

  private static Map<String, String> configs(Random random) {
    var configs = new TreeMap<String, String>();
    for (String key : KEYS) {
      if (random.nextInt(3) == 0) {
        configs.put(
            key, key.equals("cleanup_policy") ? "compact" : String.valueOf(random.nextInt(1000)));
      }
    }
    return configs;
  }
}
