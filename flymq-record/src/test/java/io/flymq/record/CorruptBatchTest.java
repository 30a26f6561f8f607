package io.flymq.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Malformed batches fail with CorruptRecordException, never with another unchecked exception. */
class CorruptBatchTest {

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldRejectEveryTruncationOfABatch(CompressionType compression) {
    ByteBuffer batch = validBatch(compression, 5);
    for (int length = 0; length < batch.limit(); length++) {
      ByteBuffer truncated = copy(batch).limit(length);
      assertThat(RecordBatch.check(truncated, 0, length, Integer.MAX_VALUE))
          .isNotEqualTo(BatchCheck.OK);
      assertThatThrownBy(() -> readAll(truncated)).isInstanceOf(CorruptRecordException.class);
    }
  }

  @Test
  void shouldRejectAKeyLengthPastTheEndOfTheRecord() {
    ByteBuffer batch = uncompressedBatchWithOneRecord();
    // Record layout from RECORDS_OFFSET: length, attributes, timestampDelta, offsetDelta,
    // keyLength.
    batch.put(
        RecordBatch.RECORDS_OFFSET + 4, (byte) 0x7E); // zigzag 63: far more than the record holds
    assertThatThrownBy(() -> readAll(batch))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("key length");
  }

  @Test
  void shouldRejectARecordLengthPastTheEndOfTheBatch() {
    ByteBuffer batch = uncompressedBatchWithOneRecord();
    batch.put(RecordBatch.RECORDS_OFFSET, (byte) 0x7E);
    assertThatThrownBy(() -> readAll(batch))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("record length");
  }

  @Test
  void shouldRejectAGarbageVarint() {
    ByteBuffer batch = uncompressedBatchWithOneRecord();
    for (int i = RecordBatch.RECORDS_OFFSET; i < batch.limit(); i++) {
      batch.put(i, (byte) 0xFF);
    }
    assertThatThrownBy(() -> readAll(batch)).isInstanceOf(CorruptRecordException.class);
  }

  @Test
  void shouldRejectARecordCountLargerThanTheRecordsPresent() {
    ByteBuffer batch = validBatch(CompressionType.LZ4, 3);
    batch.putInt(RecordBatch.RECORD_COUNT_OFFSET, 4);
    assertThatThrownBy(() -> readAll(batch)).isInstanceOf(CorruptRecordException.class);
  }

  @Test
  void shouldRejectBytesAfterTheLastCountedRecord() {
    ByteBuffer batch = validBatch(CompressionType.NONE, 3);
    batch.putInt(RecordBatch.RECORD_COUNT_OFFSET, 2);
    assertThatThrownBy(() -> readAll(batch))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("after the last");
  }

  @Test
  void shouldRejectAnUnknownCompressionId() {
    ByteBuffer batch = validBatch(CompressionType.NONE, 1);
    batch.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 6);
    assertThatThrownBy(() -> readAll(batch)).isInstanceOf(CorruptRecordException.class);
  }

  @Test
  void shouldAskForDecryptionOfAnEncryptedBatch() {
    ByteBuffer batch = validBatch(CompressionType.NONE, 1);
    batch.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) RecordBatch.ENCRYPTED_MASK);
    assertThatThrownBy(() -> readAll(batch))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("decrypt first");
  }

  @ParameterizedTest
  @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void shouldRefuseToDecompressPastTheLimit(CompressionType compression) {
    RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
    builder.append(
        0L,
        null,
        new byte[8 * 1024 * 1024]); // a megabyte-scale bomb: zeros compress to almost nothing
    RecordBatch batch = RecordBatch.wrap(builder.build());

    assertThat(batch.sizeInBytes()).isLessThan(512 * 1024);
    assertThatThrownBy(() -> RecordReader.of(batch, 1024 * 1024))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("decompressed size");
    assertThat(RecordReader.of(batch, 9 * 1024 * 1024).recordCount()).isEqualTo(1);
  }

  /** Flips random bytes anywhere, CRC or not, and reads the result regardless of check(). */
  @Property(tries = 1000)
  void shouldFailMutatedBatchesOnlyWithCorruptRecordException(
      @ForAll @IntRange(min = 0, max = 4) int codec,
      @ForAll @IntRange(min = 1, max = 8) int mutations,
      @ForAll long seed) {
    Random random = new Random(seed);
    ByteBuffer batch = validBatch(CompressionType.forId(codec), 1 + random.nextInt(6));
    for (int i = 0; i < mutations; i++) {
      batch.put(random.nextInt(batch.limit()), (byte) random.nextInt(256));
    }

    BatchCheck check = RecordBatch.check(batch, 0, batch.limit(), Integer.MAX_VALUE);
    try {
      readAll(batch);
    } catch (CorruptRecordException expected) {
      // the one failure corrupt bytes may cause
    } catch (IllegalStateException encrypted) {
      assertThat(check).isNotEqualTo(BatchCheck.OK);
      assertThat(encrypted).hasMessageContaining("decrypt first");
    }
  }

  private static int readAll(ByteBuffer batch) {
    int count = 0;
    for (Record record : RecordBatch.wrap(batch, 0).records()) {
      record.key();
      record.value();
      count += record.headers().size() + 1;
    }
    return count;
  }

  private static ByteBuffer validBatch(CompressionType compression, int records) {
    RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression).baseOffset(100);
    for (SampleRecord record : SampleRecord.mixed(new Random(records), records, 100)) {
      builder.append(record.timestamp(), record.key(), record.value(), record.headerArray());
    }
    return builder.build();
  }

  private static ByteBuffer uncompressedBatchWithOneRecord() {
    RecordBatchBuilder builder = new RecordBatchBuilder();
    builder.append(0L, new byte[] {1, 2}, new byte[] {3});
    return builder.build();
  }

  private static ByteBuffer copy(ByteBuffer source) {
    ByteBuffer copy = ByteBuffer.allocate(source.limit());
    copy.put(source.duplicate().position(0)).flip();
    return copy;
  }
}
