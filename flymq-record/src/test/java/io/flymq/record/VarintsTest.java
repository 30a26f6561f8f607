package io.flymq.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.junit.jupiter.api.Test;

class VarintsTest {

  @Property
  void shouldRoundTripEveryIntWithItsPredictedSize(@ForAll int value) {
    ByteBuffer buffer = ByteBuffer.allocate(5);
    Varints.writeVarint(value, buffer);
    assertThat(buffer.position()).isEqualTo(Varints.sizeOfVarint(value));
    buffer.flip();
    assertThat(Varints.readVarint(buffer)).isEqualTo(value);
    assertThat(buffer.hasRemaining()).isFalse();
  }

  @Property
  void shouldRoundTripEveryLongWithItsPredictedSize(@ForAll long value) {
    ByteBuffer buffer = ByteBuffer.allocate(10);
    Varints.writeVarlong(value, buffer);
    assertThat(buffer.position()).isEqualTo(Varints.sizeOfVarlong(value));
    buffer.flip();
    assertThat(Varints.readVarlong(buffer)).isEqualTo(value);
  }

  @Property
  void shouldEncodeLikeKafka(@ForAll int intValue, @ForAll long longValue) {
    ByteBuffer ours = ByteBuffer.allocate(15);
    Varints.writeVarint(intValue, ours);
    Varints.writeVarlong(longValue, ours);
    ByteBuffer kafkas = ByteBuffer.allocate(15);
    ByteUtils.writeVarint(intValue, kafkas);
    ByteUtils.writeVarlong(longValue, kafkas);
    assertThat(ours.flip()).isEqualTo(kafkas.flip());
  }

  @Test
  void shouldUseOneToFiveBytesAtTheBoundaries() {
    assertThat(Varints.sizeOfVarint(0)).isEqualTo(1);
    assertThat(Varints.sizeOfVarint(-1)).isEqualTo(1);
    assertThat(Varints.sizeOfVarint(63)).isEqualTo(1);
    assertThat(Varints.sizeOfVarint(64)).isEqualTo(2);
    assertThat(Varints.sizeOfVarint(-64)).isEqualTo(1);
    assertThat(Varints.sizeOfVarint(-65)).isEqualTo(2);
    assertThat(Varints.sizeOfVarint(Integer.MAX_VALUE)).isEqualTo(5);
    assertThat(Varints.sizeOfVarint(Integer.MIN_VALUE)).isEqualTo(5);
    assertThat(Varints.sizeOfVarlong(Long.MIN_VALUE)).isEqualTo(10);
    assertThat(Varints.sizeOfVarlong(Long.MAX_VALUE)).isEqualTo(10);
  }

  @Test
  void shouldRejectTruncatedVarints() {
    assertThatThrownBy(() -> Varints.readVarint(ByteBuffer.allocate(0)))
        .isInstanceOf(CorruptRecordException.class);
    assertThatThrownBy(() -> Varints.readVarint(bytes(0x80, 0x80)))
        .isInstanceOf(CorruptRecordException.class);
    assertThatThrownBy(() -> Varints.readVarlong(bytes(0xFF, 0xFF, 0xFF)))
        .isInstanceOf(CorruptRecordException.class);
  }

  @Test
  void shouldRejectOverlongVarints() {
    assertThatThrownBy(() -> Varints.readVarint(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)))
        .isInstanceOf(CorruptRecordException.class);
    assertThatThrownBy(() -> Varints.readVarint(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x1F)))
        .isInstanceOf(CorruptRecordException.class);
    assertThatThrownBy(
            () ->
                Varints.readVarlong(
                    bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02)))
        .isInstanceOf(CorruptRecordException.class);
    assertThatThrownBy(
            () ->
                Varints.readVarlong(
                    bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)))
        .isInstanceOf(CorruptRecordException.class);
  }

  @Test
  void shouldAcceptTheLargestFiveAndTenByteEncodings() {
    assertThat(Varints.readVarint(bytes(0xFE, 0xFF, 0xFF, 0xFF, 0x0F)))
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(Varints.readVarint(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)))
        .isEqualTo(Integer.MIN_VALUE);
    assertThat(
            Varints.readVarlong(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)))
        .isEqualTo(Long.MIN_VALUE);
  }

  @Property
  void shouldThrowOnlyCorruptRecordExceptionOnGarbage(@ForAll byte[] garbage) {
    ByteBuffer buffer = ByteBuffer.wrap(garbage);
    try {
      while (buffer.hasRemaining()) {
        Varints.readVarint(buffer);
        if (buffer.hasRemaining()) {
          Varints.readVarlong(buffer);
        }
      }
    } catch (CorruptRecordException expected) {
      // the only failure garbage may cause
    }
  }

  private static ByteBuffer bytes(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length);
    for (int value : values) {
      buffer.put((byte) value);
    }
    return buffer.flip();
  }
}
