package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OffsetMapTest {
  private static ByteBuffer key(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldKeepTheLatestOffsetOfEveryKeyAcrossGrowthUpToTheBound() {
    OffsetMap map = new OffsetMap(10_000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(map.put(key("key-" + i), i)).isTrue();
    }
    assertThat(map.put(key("key-7"), 20_000)).isTrue();

    assertThat(map.size()).isEqualTo(10_000);
    assertThat(map.put(key("one-too-many"), 30_000)).isFalse();
    assertThat(map.get(key("one-too-many"))).isEqualTo(-1);
    assertThat(map.get(key("key-7"))).isEqualTo(20_000);
    for (int i = 0; i < 10_000; i += 97) {
      assertThat(map.get(key("key-" + i))).isEqualTo(i == 7 ? 20_000 : i);
    }
  }

  @Test
  void shouldNotMoveTheKeyBufferAndTreatTheEmptyKeyAsAKey() {
    OffsetMap map = new OffsetMap(4);
    ByteBuffer key = key("abc").position(1);

    map.put(key, 0);
    map.put(ByteBuffer.allocate(0), 5);

    assertThat(key.position()).isEqualTo(1);
    assertThat(map.get(key("bc"))).isZero();
    assertThat(map.get(ByteBuffer.allocate(0))).isEqualTo(5);
    assertThatThrownBy(() -> new OffsetMap(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
