package io.flymq.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {

  @Property(tries = 200, seed = "42")
  void shouldDecodeWhatItEncodes(@ForAll long seed) {
    for (MetadataCommand command : MetadataStateMachineTest.randomCommands(new Random(seed), 10)) {
      assertThat(MetadataCodec.decodeCommand(MetadataCodec.encode(command))).isEqualTo(command);
    }
  }

  /** Pins the log format: a change here breaks replay of existing logs and needs a new VERSION. */
  @Test
  void shouldKeepTheLogFormatOfCreateTopic() {
    var command =
        new MetadataCommand.CreateTopic(
            "orders",
            UUID.fromString("00000000-0000-0001-0000-000000000002"),
            List.of(new PartitionAssignment(0, 0), new PartitionAssignment(1, 3)),
            Map.of("segment_bytes", "1024", "cleanup_policy", "compact"),
            1700000000000L);

    byte[] bytes = MetadataCodec.encode(command);

    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThat(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"create_topic\",\"topic\":\"orders\","
                + "\"topicId\":\"00000000-0000-0001-0000-000000000002\","
                + "\"partitions\":[{\"leader\":0,\"leaderEpoch\":0},{\"leader\":1,\"leaderEpoch\":3}],"
                + "\"configs\":{\"cleanup_policy\":\"compact\",\"segment_bytes\":\"1024\"},"
                + "\"createdAtMs\":1700000000000}");
  }

  @Test
  void shouldRoundTripResults() {
    var rejected =
        new MetadataResult.Rejected(MetadataErrorCode.UNKNOWN_TOPIC, "topic not found: x");
    var alter =
        new MetadataCommand.AlterTopicConfig(
            "x", Map.of("retention_ms", "5"), Set.of("segment_bytes"));

    assertThat(MetadataCodec.decodeResult(MetadataCodec.encode(rejected))).isEqualTo(rejected);
    assertThat(MetadataCodec.decodeCommand(MetadataCodec.encode(alter))).isEqualTo(alter);
  }

  @Test
  void shouldRejectUnknownVersionsFieldsAndMissingFields() {
    assertThatThrownBy(() -> MetadataCodec.decodeCommand(new byte[] {2, '{', '}'}))
        .isInstanceOf(CorruptMetadataException.class)
        .hasMessageContaining("format version 2");
    assertThatThrownBy(() -> MetadataCodec.decodeCommand(new byte[0]))
        .isInstanceOf(CorruptMetadataException.class);
    assertThatThrownBy(
            () ->
                MetadataCodec.decodeCommand(
                    json("{\"type\":\"delete_topic\",\"topic\":\"a\",\"extra\":1}")))
        .isInstanceOf(CorruptMetadataException.class);
    assertThatThrownBy(() -> MetadataCodec.decodeCommand(json("{\"type\":\"delete_topic\"}")))
        .isInstanceOf(CorruptMetadataException.class);
    assertThatThrownBy(
            () ->
                MetadataCodec.decodeCommand(
                    json(
                        "{\"type\":\"create_partitions\",\"topic\":\"a\",\"partitionCount\":1,\"added\":[]}")))
        .isInstanceOf(CorruptMetadataException.class);
  }

  private static byte[] json(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[body.length + 1];
    out[0] = MetadataCodec.VERSION;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }
}
