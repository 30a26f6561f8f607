package io.flymq.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.internals.ByteBufferOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batches rewritten by compaction (records at chosen offsets, delete horizon in baseTimestamp)
 * against kafka-clients' MemoryRecordsBuilder with a deleteHorizonMs: same bytes, and Kafka reads
 * the original timestamps back.
 */
class DeleteHorizonCompatibilityTest {
  private static final long HORIZON = 1_800_000_000_000L;
  private static final long[] OFFSETS = {100, 103, 104, 110};
  private static final long[] TIMESTAMPS = {
    1_700_000_000_000L, 1_700_000_000_500L, -1, 1_700_000_001_000L
  };

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ByteBuffer ours(CompressionType compression) {
    RecordBatchBuilder builder =
        new RecordBatchBuilder()
            .compression(compression)
            .baseOffset(OFFSETS[0])
            .partitionLeaderEpoch(4)
            .producer(77, (short) 2, 9)
            .deleteHorizon(HORIZON);
    for (int i = 0; i < OFFSETS.length; i++) {
      byte[] value = i == 1 ? null : bytes("value-" + i);
      builder.appendWithOffset(
          OFFSETS[i],
          TIMESTAMPS[i],
          ByteBuffer.wrap(bytes("key-" + i)),
          value == null ? null : ByteBuffer.wrap(value));
    }
    return builder.build();
  }

  private static ByteBuffer kafkas(CompressionType compression) {
    ByteBufferOutputStream out = new ByteBufferOutputStream(1024);
    MemoryRecordsBuilder builder =
        new MemoryRecordsBuilder(
            out,
            (byte) 2,
            Compression.of(compression.configName()).build(),
            org.apache.kafka.common.record.TimestampType.CREATE_TIME,
            OFFSETS[0],
            -1L,
            77L,
            (short) 2,
            9,
            false,
            false,
            4,
            Integer.MAX_VALUE,
            HORIZON);
    for (int i = 0; i < OFFSETS.length; i++) {
      builder.appendWithOffset(
          OFFSETS[i], TIMESTAMPS[i], bytes("key-" + i), i == 1 ? null : bytes("value-" + i));
    }
    return builder.build().buffer();
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldWriteTheSameBytesAsKafkaForAHorizonBatchWithOffsetGaps(CompressionType compression) {
    ByteBuffer ours = ours(compression);

    assertThat(ours).isEqualTo(kafkas(compression));
    MutableRecordBatch batch =
        MemoryRecords.readableRecords(ours.duplicate()).batches().iterator().next();
    batch.ensureValid();
    assertThat(batch.deleteHorizonMs()).hasValue(HORIZON);
    assertThat(batch.lastOffset()).isEqualTo(110);
    List<Long> timestamps = new ArrayList<>();
    batch.forEach(record -> timestamps.add(record.timestamp()));
    assertThat(timestamps)
        .containsExactly(TIMESTAMPS[0], TIMESTAMPS[1], TIMESTAMPS[2], TIMESTAMPS[3]);
  }

  @Test
  void shouldReadOriginalTimestampsAndOffsetsOfAHorizonBatch() {
    RecordBatch batch = RecordBatch.wrap(ours(CompressionType.NONE), 0);

    assertThat(batch.hasDeleteHorizon()).isTrue();
    assertThat(batch.baseTimestamp()).isEqualTo(HORIZON);
    assertThat(batch.maxTimestamp()).isEqualTo(TIMESTAMPS[3]);
    List<String> read = new ArrayList<>();
    for (Record record : batch.records()) {
      read.add(record.offset() + "@" + record.timestamp());
    }
    assertThat(read)
        .containsExactly(
            "100@" + TIMESTAMPS[0], "103@" + TIMESTAMPS[1], "104@-1", "110@" + TIMESTAMPS[3]);
  }

  @Test
  void shouldRejectOffsetsThatDoNotIncrease() {
    RecordBatchBuilder builder = new RecordBatchBuilder().baseOffset(10);
    builder.appendWithOffset(12, 1, (ByteBuffer) null, null);

    assertThatThrownBy(() -> builder.appendWithOffset(12, 1, (ByteBuffer) null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset: 12");
    assertThatThrownBy(
            () ->
                new RecordBatchBuilder()
                    .baseOffset(10)
                    .appendWithOffset(9, 1, (ByteBuffer) null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.deleteHorizon(5)).isInstanceOf(IllegalStateException.class);
  }
}
