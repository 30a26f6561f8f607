package io.flymq.client.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.serde.Serdes;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.record.CompressionType;
import io.flymq.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FetchedBatchesTest {
  private static final TopicPartition TP = new TopicPartition("t", 0);
  private final RecordDecoder<String, String> decoder =
      new RecordDecoder<>(Serdes.stringDeserializer(), Serdes.stringDeserializer());

  @Test
  void shouldSkipRecordsBelowThePositionAndAdvancePastEachReturnedOne() {
    ByteBuffer records = concat(batch(10, 5, false, CompressionType.GZIP));
    PartitionState state = positionedAt(12);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();

    int added = new FetchedBatches(TP, records).drain(state, 100, decoder, out);

    assertThat(added).isEqualTo(3);
    assertThat(out).extracting(ConsumerRecord::offset).containsExactly(12L, 13L, 14L);
    assertThat(state.position()).isEqualTo(15);
  }

  @Test
  void shouldStopAtMaxAndContinueWhereItStopped() {
    FetchedBatches fetched =
        new FetchedBatches(
            TP,
            concat(
                batch(0, 3, false, CompressionType.NONE), batch(3, 3, false, CompressionType.LZ4)));
    PartitionState state = positionedAt(0);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();

    fetched.drain(state, 4, decoder, out);
    assertThat(state.position()).isEqualTo(4);
    fetched.drain(state, 4, decoder, out);

    assertThat(out).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(fetched.exhausted()).isTrue();
  }

  @Test
  void shouldSkipControlBatchesButMovePastThem() {
    FetchedBatches fetched =
        new FetchedBatches(
            TP,
            concat(
                batch(0, 2, false, CompressionType.NONE), batch(2, 1, true, CompressionType.NONE)));
    PartitionState state = positionedAt(0);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();

    fetched.drain(state, 100, decoder, out);

    assertThat(out).extracting(ConsumerRecord::offset).containsExactly(0L, 1L);
    assertThat(state.position()).isEqualTo(3);
  }

  @Test
  void shouldEndAtATruncatedLastBatch() {
    ByteBuffer whole = batch(0, 2, false, CompressionType.NONE);
    ByteBuffer cut = batch(2, 2, false, CompressionType.NONE);
    ByteBuffer records = concat(whole, cut.limit(cut.limit() - 3));
    PartitionState state = positionedAt(0);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();

    new FetchedBatches(TP, records).drain(state, 100, decoder, out);

    assertThat(out).hasSize(2);
    assertThat(FetchedBatches.nextOffsetOf(records, 0)).isEqualTo(2);
  }

  @Test
  void shouldReportACorruptBatch() {
    ByteBuffer records = batch(0, 2, false, CompressionType.NONE);
    records.put(records.limit() - 1, (byte) (records.get(records.limit() - 1) ^ 0x7f));

    assertThatThrownBy(
            () ->
                new FetchedBatches(TP, records)
                    .drain(positionedAt(0), 100, decoder, new ArrayList<>()))
        .isInstanceOfSatisfying(
            FlyMQException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECORD_BATCH))
        .hasMessageContaining("CRC32C");
  }

  @Test
  void shouldFindTheOffsetAfterTheLastWholeBatch() {
    ByteBuffer records =
        concat(batch(7, 3, false, CompressionType.NONE), batch(10, 4, false, CompressionType.ZSTD));

    assertThat(FetchedBatches.nextOffsetOf(records, 7)).isEqualTo(14);
    assertThat(FetchedBatches.nextOffsetOf(ByteBuffer.allocate(0), 7)).isEqualTo(7);
  }

  private static PartitionState positionedAt(long offset) {
    SubscriptionState subscriptions = new SubscriptionState();
    subscriptions.assign(Set.of(TP));
    PartitionState state = subscriptions.require(TP);
    state.seek(offset);
    return state;
  }

  private static ByteBuffer batch(
      long baseOffset, int count, boolean control, CompressionType compression) {
    RecordBatchBuilder builder =
        new RecordBatchBuilder().baseOffset(baseOffset).control(control).compression(compression);
    for (int i = 0; i < count; i++) {
      builder.append(
          1_000L, (byte[]) null, ("v" + (baseOffset + i)).getBytes(StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private static ByteBuffer concat(ByteBuffer... batches) {
    int size = 0;
    for (ByteBuffer b : batches) {
      size += b.remaining();
    }
    ByteBuffer all = ByteBuffer.allocate(size);
    for (ByteBuffer b : batches) {
      all.put(b.duplicate());
    }
    return all.flip();
  }
}
