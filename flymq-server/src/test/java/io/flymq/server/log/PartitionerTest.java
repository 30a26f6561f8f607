package io.flymq.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionerTest {
  private final Partitioner partitioner = new Partitioner();

  private static ByteBuffer key(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The reference values of WIRE-V1 16.1. */
  @ParameterizedTest
  @CsvSource({
    "a, E40C292C, 1, 0, 4",
    "key, 6815C86C, 1, 0, 4",
    "hello, 4F9F2CAB, 0, 3, 3",
    "user-123, 8C93CC93, 2, 3, 5",
    "order-42, 572446F4, 2, 0, 2",
  })
  void shouldHashKeysExactlyLikeTheReference(
      String key, String hash, int mod3, int mod4, int mod6) {
    assertThat(io.flymq.protocol.KeyPartitioning.fnv1a32(key(key)))
        .isEqualTo(Integer.parseUnsignedInt(hash, 16));
    assertThat(partitioner.partition("t", key(key), 3)).isEqualTo(mod3);
    assertThat(partitioner.partition("t", key(key), 4)).isEqualTo(mod4);
    assertThat(partitioner.partition("t", key(key), 6)).isEqualTo(mod6);
    assertThat(partitioner.partition("t", key(key), 1)).isZero();
  }

  @Test
  void shouldSpreadKeylessRecordsRoundRobinPerTopic() {
    assertThat(partitioner.partition("a", null, 3)).isZero();
    assertThat(partitioner.partition("a", ByteBuffer.allocate(0), 3)).isEqualTo(1);
    assertThat(partitioner.partition("b", null, 3)).isZero();
    assertThat(partitioner.partition("a", null, 3)).isEqualTo(2);
    assertThat(partitioner.partition("a", null, 3)).isZero();
  }

  @Test
  void shouldRejectTopicsWithoutPartitions() {
    assertThatThrownBy(() -> partitioner.partition("a", null, 0))
        .hasMessageContaining("expected: >= 1");
  }
}
