package io.flymq.server.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OffsetRecordsTest {
  @Test
  void shouldRoundTripKeysWhateverCharactersTheNamesHold() {
    for (OffsetKey key :
        new OffsetKey[] {
          new OffsetKey("g", "orders", 0),
          new OffsetKey("", "t", 7),
          new OffsetKey("a/b:c", "sensors/room1/temp", 2_000_000_000),
          new OffsetKey("grüße ✓", "x", 1)
        }) {
      assertThat(OffsetRecords.decodeKey(OffsetRecords.encodeKey(key))).isEqualTo(key);
    }
  }

  @Test
  void shouldKeepKeysDistinctWhenASeparatorCouldBeAmbiguous() {
    // With a naive "group/topic" join these two would be the same key.
    ByteBuffer first = OffsetRecords.encodeKey(new OffsetKey("a/b", "c", 0));
    ByteBuffer second = OffsetRecords.encodeKey(new OffsetKey("a", "b/c", 0));

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void shouldRoundTripValuesWithAndWithoutMetadata() {
    CommittedOffset plain = new CommittedOffset(42, 1_700_000_000_000L, Optional.empty());
    CommittedOffset withMetadata = new CommittedOffset(0, 5, Optional.of("consumer-1 ✓"));
    CommittedOffset emptyMetadata = new CommittedOffset(9, 5, Optional.of(""));

    assertThat(OffsetRecords.decodeValue(OffsetRecords.encodeValue(plain))).isEqualTo(plain);
    assertThat(OffsetRecords.decodeValue(OffsetRecords.encodeValue(withMetadata)))
        .isEqualTo(withMetadata);
    assertThat(OffsetRecords.decodeValue(OffsetRecords.encodeValue(emptyMetadata)))
        .isEqualTo(emptyMetadata);
  }

  @Test
  void shouldLayOutTheKeyAsDocumented() {
    ByteBuffer key = OffsetRecords.encodeKey(new OffsetKey("g", "tp", 3));

    assertThat(key.remaining()).isEqualTo(2 + 2 + 1 + 2 + 2 + 4);
    assertThat(key.getShort(0)).isZero();
    assertThat(key.getShort(2)).isEqualTo((short) 1);
    assertThat(key.get(4)).isEqualTo((byte) 'g');
    assertThat(key.getShort(5)).isEqualTo((short) 2);
    assertThat(key.getInt(9)).isEqualTo(3);
  }

  @Test
  void shouldRefuseTruncatedOrUnknownVersionRecords() {
    ByteBuffer key = OffsetRecords.encodeKey(new OffsetKey("g", "t", 0));
    ByteBuffer truncated = key.duplicate().limit(key.limit() - 1);
    ByteBuffer newer =
        ByteBuffer.allocate(key.remaining()).put(key.duplicate()).flip().putShort(0, (short) 1);

    assertThatThrownBy(() -> OffsetRecords.decodeKey(truncated))
        .isInstanceOf(CorruptOffsetRecordException.class)
        .hasMessageContaining("partition");
    assertThatThrownBy(() -> OffsetRecords.decodeKey(newer))
        .isInstanceOf(CorruptOffsetRecordException.class)
        .hasMessageContaining("version: 1");
    assertThatThrownBy(() -> OffsetRecords.decodeValue(ByteBuffer.allocate(3)))
        .isInstanceOf(CorruptOffsetRecordException.class);
  }
}
