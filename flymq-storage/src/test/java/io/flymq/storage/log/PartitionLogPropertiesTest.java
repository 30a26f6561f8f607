package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.record.CompressionType;
import io.flymq.record.Header;
import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the log over random batches of every codec: what is appended is read back equal,
 * offsets are contiguous, and reading from any offset (an index lookup plus a forward scan) finds
 * the same batch as a linear scan of the whole log.
 */
class PartitionLogPropertiesTest {

  /** One record as written: timestamp, key, value, headers (byte arrays, nullable). */
  private record Written(long timestamp, byte[] key, byte[] value, List<String> headers) {
    boolean matches(Record record) {
      return record.timestamp() == timestamp
          && Arrays.equals(bytes(record.key()), key)
          && Arrays.equals(bytes(record.value()), value)
          && headerStrings(record).equals(headers);
    }
  }

  @Property(tries = 30)
  void shouldReadBackEveryAppendedRecordAtContiguousOffsets(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int batches,
      @ForAll @IntRange(min = 0, max = 300) int indexInterval)
      throws IOException {
    Random random = new Random(seed);
    Path dir = Files.createTempDirectory("flymq-log-prop");
    LogConfig config =
        LogConfig.builder()
            .segmentBytes(8 * 1024)
            .indexIntervalBytes(indexInterval)
            .syncMode(SyncMode.NEVER)
            .fileDeleteDelayMs(0)
            .build();
    try (LogIo io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO);
        PartitionLog log = PartitionLog.open(dir, config, io)) {
      List<Written> written = new ArrayList<>();
      long expectedOffset = 0;
      for (int b = 0; b < batches; b++) {
        List<Written> records = randomRecords(random);
        AppendResult result = log.append(build(records, random)).join();
        assertThat(result.baseOffset()).isEqualTo(expectedOffset);
        assertThat(result.lastOffset()).isEqualTo(expectedOffset + records.size() - 1);
        expectedOffset += records.size();
        written.addAll(records);
      }

      List<long[]> scan = linearScan(log);
      List<Record> all = new ArrayList<>();
      for (long[] batch : scan) {
        all.addAll(recordsOf(log.read(batch[0], 1)));
      }
      assertThat(all).hasSize(written.size());
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).offset()).isEqualTo(i);
        assertThat(written.get(i).matches(all.get(i))).as("record %d", i).isTrue();
      }
      for (long offset = 0; offset < log.logEndOffset(); offset++) {
        long first = log.read(offset, random.nextInt(5000)).firstBatchOffset();
        assertThat(first)
            .as("batch holding offset %d", offset)
            .isEqualTo(batchStartOf(scan, offset));
      }
    } finally {
      deleteTree(dir);
    }
  }

  /** [baseOffset, nextOffset] of every batch, reading one batch at a time from the log start. */
  private static List<long[]> linearScan(PartitionLog log) throws IOException {
    List<long[]> batches = new ArrayList<>();
    long offset = log.logStartOffset();
    while (offset < log.logEndOffset()) {
      ByteBuffer bytes = log.read(offset, 0).readAll();
      RecordBatch batch = RecordBatch.wrap(bytes, 0);
      assertThat(batch.sizeInBytes()).isEqualTo(bytes.remaining());
      batches.add(new long[] {batch.baseOffset(), batch.nextOffset()});
      offset = batch.nextOffset();
    }
    return batches;
  }

  private static long batchStartOf(List<long[]> scan, long offset) {
    return scan.stream().filter(b -> b[0] <= offset && offset < b[1]).findFirst().orElseThrow()[0];
  }

  private static List<Record> recordsOf(LogSlice slice) throws IOException {
    ByteBuffer bytes = slice.readAll();
    List<Record> records = new ArrayList<>();
    for (int position = 0; position < bytes.limit(); ) {
      RecordBatch batch = RecordBatch.wrap(bytes, position);
      assertThat(batch.isCrcValid()).isTrue();
      batch.records().forEach(records::add);
      position += batch.sizeInBytes();
    }
    return records;
  }

  private static List<Written> randomRecords(Random random) {
    int count = 1 + random.nextInt(12);
    List<Written> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] key = random.nextInt(4) == 0 ? null : randomBytes(random, random.nextInt(40));
      byte[] value = random.nextInt(6) == 0 ? null : randomBytes(random, random.nextInt(2000));
      List<String> headers = new ArrayList<>();
      for (int h = random.nextInt(3); h > 0; h--) {
        headers.add("h" + h + "=" + random.nextInt(1000));
      }
      records.add(new Written(1_700_000_000_000L + random.nextInt(1_000_000), key, value, headers));
    }
    return records;
  }

  private static ByteBuffer build(List<Written> records, Random random) {
    CompressionType[] codecs = CompressionType.values();
    RecordBatchBuilder builder =
        new RecordBatchBuilder().compression(codecs[random.nextInt(codecs.length)]);
    for (Written record : records) {
      Header[] headers =
          record.headers().stream()
              .map(
                  h ->
                      Header.of(
                          h.substring(0, h.indexOf('=')),
                          h.substring(h.indexOf('=') + 1).getBytes()))
              .toArray(Header[]::new);
      builder.append(record.timestamp(), record.key(), record.value(), headers);
    }
    return builder.build();
  }

  private static byte[] randomBytes(Random random, int size) {
    byte[] bytes = new byte[size];
    if (random.nextBoolean()) {
      random.nextBytes(bytes);
    } else {
      Arrays.fill(bytes, (byte) ('a' + random.nextInt(26)));
    }
    return bytes;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static List<String> headerStrings(Record record) {
    return record.headers().stream()
        .map(h -> h.key() + "=" + new String(bytes(h.value())))
        .toList();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
