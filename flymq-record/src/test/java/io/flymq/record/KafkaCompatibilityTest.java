package io.flymq.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our batches against kafka-clients' MemoryRecordsBuilder: same bytes, and each reads the other's.
 */
class KafkaCompatibilityTest {
  private static final long LOG_APPEND_TIME = 1_800_000_000_000L;

  /** Header settings of one batch, applied identically to both builders. */
  enum Scenario {
    PLAIN(0, 10, 300, false, TimestampType.CREATE_TIME, -1, (short) -1, -1, -1),
    IDEMPOTENT(42, 25, 1000, false, TimestampType.CREATE_TIME, 123_456_789L, (short) 7, 1000, 5),
    TRANSACTIONAL(1L << 40, 25, 1000, true, TimestampType.CREATE_TIME, 99L, (short) 3, 0, 12),
    LOG_APPEND(7, 12, 200, false, TimestampType.LOG_APPEND_TIME, -1, (short) -1, -1, 2),
    /** Several codec blocks (snappy 32 KiB, lz4 64 KiB, zstd 128 KiB) and deflate windows. */
    LARGE(1000, 120, 4096, false, TimestampType.CREATE_TIME, 5L, (short) 0, 2_147_000_000, 0),
    SINGLE_EMPTY(0, 1, 0, false, TimestampType.CREATE_TIME, -1, (short) -1, -1, -1);

    final long baseOffset;
    final int count;
    final int maxValueSize;
    final boolean transactional;
    final TimestampType timestampType;
    final long producerId;
    final short producerEpoch;
    final int baseSequence;
    final int leaderEpoch;

    Scenario(
        long baseOffset,
        int count,
        int maxValueSize,
        boolean transactional,
        TimestampType timestampType,
        long producerId,
        short producerEpoch,
        int baseSequence,
        int leaderEpoch) {
      this.baseOffset = baseOffset;
      this.count = count;
      this.maxValueSize = maxValueSize;
      this.transactional = transactional;
      this.timestampType = timestampType;
      this.producerId = producerId;
      this.producerEpoch = producerEpoch;
      this.baseSequence = baseSequence;
      this.leaderEpoch = leaderEpoch;
    }

    List<SampleRecord> records() {
      return SampleRecord.mixed(new Random(ordinal() * 31L + 7), count, maxValueSize);
    }
  }

  static Stream<Arguments> codecsAndScenarios() {
    List<Arguments> arguments = new ArrayList<>();
    for (CompressionType compression : CompressionType.values()) {
      for (Scenario scenario : Scenario.values()) {
        arguments.add(Arguments.of(compression, scenario));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("codecsAndScenarios")
  void shouldMatchKafkaBytesForEveryCodec(CompressionType compression, Scenario scenario) {
    List<SampleRecord> records = scenario.records();

    ByteBuffer ours = buildOurs(compression, scenario, records);
    ByteBuffer kafkas = buildKafkas(compression, scenario, records);

    assertThat(ours.remaining()).isEqualTo(kafkas.remaining());
    assertThat(ours).isEqualTo(kafkas);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("codecsAndScenarios")
  void shouldBeReadableByKafka(CompressionType compression, Scenario scenario) {
    List<SampleRecord> records = scenario.records();
    ByteBuffer ours = buildOurs(compression, scenario, records);

    List<SampleRecord> readByKafka = new ArrayList<>();
    int batches = 0;
    for (MutableRecordBatch batch : MemoryRecords.readableRecords(ours).batches()) {
      batch.ensureValid();
      batches++;
      assertThat(batch.baseOffset()).isEqualTo(scenario.baseOffset);
      assertThat(batch.producerId()).isEqualTo(scenario.producerId);
      assertThat(batch.isTransactional()).isEqualTo(scenario.transactional);
      for (org.apache.kafka.common.record.internal.Record record : batch) {
        assertThat(record.offset()).isEqualTo(scenario.baseOffset + readByKafka.size());
        readByKafka.add(fromKafka(record));
      }
    }

    assertThat(batches).isEqualTo(1);
    assertThat(readByKafka).containsExactlyElementsOf(expectedAsRead(scenario, records));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("codecsAndScenarios")
  void shouldReadKafkaBatches(CompressionType compression, Scenario scenario) {
    List<SampleRecord> records = scenario.records();
    ByteBuffer kafkas = buildKafkas(compression, scenario, records);

    RecordBatch batch = RecordBatch.wrap(kafkas);
    assertThat(RecordBatch.check(kafkas, 0, kafkas.limit(), Integer.MAX_VALUE))
        .isEqualTo(BatchCheck.OK);
    assertThat(batch.compression()).isEqualTo(compression);
    List<SampleRecord> read = new ArrayList<>();
    for (Record record : batch.records()) {
      assertThat(record.offset()).isEqualTo(scenario.baseOffset + read.size());
      read.add(SampleRecord.of(record));
    }

    assertThat(read).containsExactlyElementsOf(expectedAsRead(scenario, records));
  }

  static ByteBuffer buildOurs(
      CompressionType compression, Scenario scenario, List<SampleRecord> records) {
    RecordBatchBuilder builder =
        new RecordBatchBuilder()
            .compression(compression)
            .baseOffset(scenario.baseOffset)
            .partitionLeaderEpoch(scenario.leaderEpoch)
            .timestampType(scenario.timestampType)
            .producer(scenario.producerId, scenario.producerEpoch, scenario.baseSequence)
            .transactional(scenario.transactional);
    if (scenario.timestampType == TimestampType.LOG_APPEND_TIME) {
      builder.logAppendTime(LOG_APPEND_TIME);
    }
    for (SampleRecord record : records) {
      builder.append(record.timestamp(), record.key(), record.value(), record.headerArray());
    }
    return builder.build();
  }

  static ByteBuffer buildKafkas(
      CompressionType compression, Scenario scenario, List<SampleRecord> records) {
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            ByteBuffer.allocate(1024),
            (byte) 2,
            Compression.of(compression.configName()).build(),
            org.apache.kafka.common.record.TimestampType.valueOf(scenario.timestampType.name()),
            scenario.baseOffset,
            scenario.timestampType == TimestampType.LOG_APPEND_TIME
                ? LOG_APPEND_TIME
                : RecordBatch.NO_TIMESTAMP,
            scenario.producerId,
            scenario.producerEpoch,
            scenario.baseSequence,
            scenario.transactional,
            scenario.leaderEpoch);
    for (SampleRecord record : records) {
      builder.append(record.timestamp(), record.key(), record.value(), kafkaHeaders(record));
    }
    return builder.build().buffer();
  }

  private static org.apache.kafka.common.header.Header[] kafkaHeaders(SampleRecord record) {
    return record.headers().stream()
        .map(h -> new RecordHeader(h.key(), SampleRecord.bytes(h.value())))
        .toArray(org.apache.kafka.common.header.Header[]::new);
  }

  private static SampleRecord fromKafka(org.apache.kafka.common.record.internal.Record record) {
    List<Header> headers = new ArrayList<>();
    for (org.apache.kafka.common.header.Header header : record.headers()) {
      headers.add(Header.of(header.key(), header.value()));
    }
    return new SampleRecord(
        record.timestamp(),
        SampleRecord.bytes(record.key()),
        SampleRecord.bytes(record.value()),
        headers);
  }

  /** LOG_APPEND_TIME batches read every record's timestamp as the batch's append time. */
  private static List<SampleRecord> expectedAsRead(Scenario scenario, List<SampleRecord> records) {
    if (scenario.timestampType != TimestampType.LOG_APPEND_TIME) {
      return records;
    }
    return records.stream()
        .map(r -> new SampleRecord(LOG_APPEND_TIME, r.key(), r.value(), r.headers()))
        .toList();
  }
}
