package io.flymq.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RecordBatchRoundTripTest {

  @Property(tries = 200)
  void shouldReadBackWhatWasBuilt(
      @ForAll("records") @Size(min = 1, max = 20) List<SampleRecord> records,
      @ForAll CompressionType compression,
      @ForAll @IntRange(min = 0, max = 1_000_000) long baseOffset) {
    RecordBatchBuilder builder =
        new RecordBatchBuilder(64).compression(compression).baseOffset(baseOffset);
    for (SampleRecord record : records) {
      builder.append(record.timestamp(), record.key(), record.value(), record.headerArray());
    }
    int expectedSize = builder.estimatedSizeInBytes();
    ByteBuffer batch = builder.build();

    assertThat(RecordBatch.check(batch, 0, batch.limit(), Integer.MAX_VALUE))
        .isEqualTo(BatchCheck.OK);
    if (compression == CompressionType.NONE) {
      assertThat(batch.remaining()).isEqualTo(expectedSize);
    }
    List<SampleRecord> read = new ArrayList<>();
    int recordBytes = 0;
    for (Record record : RecordBatch.wrap(batch).records()) {
      assertThat(record.offset()).isEqualTo(baseOffset + read.size());
      recordBytes += record.sizeInBytes();
      read.add(SampleRecord.of(record));
    }
    assertThat(read).containsExactlyElementsOf(records);
    assertThat(recordBytes).isEqualTo(expectedSize - RecordBatch.HEADER_SIZE);
  }

  @Property(tries = 50)
  void shouldReadTheSameThroughTheReusingCursor(
      @ForAll("records") @Size(min = 1, max = 10) List<SampleRecord> records,
      @ForAll CompressionType compression) {
    RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
    records.forEach(r -> builder.append(r.timestamp(), r.key(), r.value(), r.headerArray()));
    RecordReader.Cursor cursor = RecordBatch.wrap(builder.build()).records().cursor();

    List<SampleRecord> read = new ArrayList<>();
    while (cursor.next()) {
      read.add(SampleRecord.of(cursor.record()));
    }
    assertThat(read).containsExactlyElementsOf(records);
  }

  @Provide
  Arbitrary<List<SampleRecord>> records() {
    Arbitrary<byte[]> nullableBytes =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(4096).injectNull(0.2);
    Arbitrary<Header> header =
        Combinators.combine(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64).injectNull(0.3))
            .as(Header::of);
    Arbitrary<SampleRecord> record =
        Combinators.combine(
                Arbitraries.longs().between(-1, 4_000_000_000_000L),
                nullableBytes,
                nullableBytes,
                header.list().ofMaxSize(3))
            .as(SampleRecord::new);
    return record.list();
  }
}
