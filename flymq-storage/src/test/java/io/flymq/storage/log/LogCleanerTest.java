package io.flymq.storage.log;

import static io.flymq.storage.log.KeyedBatches.batch;
import static io.flymq.storage.log.KeyedBatches.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.record.CompressionType;
import io.flymq.record.RecordBatch;
import io.flymq.storage.crypto.EncryptionKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogCleanerTest {
  private static final long DELETE_RETENTION_MS = 10_000;
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(1_700_000_000_000L);
  private LogIo io;

  @BeforeEach
  void setUp() {
    io = LogIo.create(2, clock, Duration.ZERO, Duration.ZERO, OffsetMap.DEFAULT_MAX_KEYS);
  }

  @AfterEach
  void tearDown() {
    io.close();
  }

  /** Each batch appended with {@link #appendAndRoll} ends its segment: the next append rolls. */
  private static LogConfig.Builder config() {
    return LogConfig.builder()
        .cleanupPolicy(CleanupPolicy.COMPACT)
        .segmentMs(1000)
        .deleteRetentionMs(DELETE_RETENTION_MS)
        .fileDeleteDelayMs(0)
        .syncMode(SyncMode.NEVER);
  }

  private void appendAndRoll(PartitionLog log, ByteBuffer batch) {
    log.append(batch).join();
    clock.advance(1000);
  }

  private static byte[] activeSegmentBytes(PartitionLog log) throws IOException {
    List<Long> bases = log.segmentBaseOffsets();
    return Files.readAllBytes(SegmentFiles.log(log.dir(), bases.get(bases.size() - 1)));
  }

  @Test
  void shouldKeepOnlyTheLatestRecordPerKeyAcrossSealedSegmentsAndLeaveTheActiveSegmentAlone()
      throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      appendAndRoll(log, batch(100, "a=1", "b=1", "=x"));
      appendAndRoll(log, batch(200, "a=2", "c=1"));
      appendAndRoll(log, batch(300, "b=2", "=y"));
      log.append(batch(400, "a=3")).join();
      byte[] active = activeSegmentBytes(log);

      CompactionResult result = log.compact().join();

      assertThat(result.segmentsCleaned()).isEqualTo(3);
      assertThat(result.recordsRemoved()).isEqualTo(2);
      assertThat(result.bytesAfter()).isLessThan(result.bytesBefore());
      // a=2 stays: the active segment (a=3) is neither cleaned nor mapped.
      List<String> expected = List.of("2:=x", "3:a=2", "4:c=1", "5:b=2", "6:=y", "7:a=3");
      assertThat(contents(log)).isEqualTo(expected);
      assertThat(log.segmentBaseOffsets()).containsExactly(0L, 7L);
      assertThat(activeSegmentBytes(log)).isEqualTo(active);
      assertThat(log.logStartOffset()).isZero();
      assertThat(log.logEndOffset()).isEqualTo(8);
    }
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      assertThat(contents(log)).containsExactly("2:=x", "3:a=2", "4:c=1", "5:b=2", "6:=y", "7:a=3");
      assertThat(log.append(batch(500, "d=1")).join().baseOffset()).isEqualTo(8);
    }
  }

  @Test
  void shouldKeepATombstoneWithADeleteHorizonThenRemoveItOnceTheHorizonHasPassed()
      throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      appendAndRoll(log, batch(100, "a=1", "b=1"));
      appendAndRoll(log, batch(200, "a="));
      appendAndRoll(log, batch(300, "c=1"));
      log.append(batch(400, "d=1")).join();
      long cleaningTime = clock.millis();

      CompactionResult first = log.compact().join();

      assertThat(first.recordsRemoved()).isEqualTo(1);
      assertThat(contents(log)).containsExactly("1:b=1", "2:a=", "3:c=1", "4:d=1");
      MutableRecordBatch tombstoneBatch =
          KeyedBatches.validateWithKafka(log.read(2, 1).readAll()).get(0);
      assertThat(tombstoneBatch.deleteHorizonMs()).hasValue(cleaningTime + DELETE_RETENTION_MS);
      assertThat(tombstoneBatch.iterator().next().timestamp()).isEqualTo(200);
      assertThat(tombstoneBatch.iterator().next().hasValue()).isFalse();
      MutableRecordBatch plainBatch =
          KeyedBatches.validateWithKafka(log.read(1, 1).readAll()).get(0);
      assertThat(plainBatch.deleteHorizonMs()).isEmpty();
      assertThat(plainBatch.iterator().next().timestamp()).isEqualTo(101);

      clock.advance(DELETE_RETENTION_MS - 1);
      assertThat(log.compact().join().recordsRemoved()).isZero();
      assertThat(contents(log)).contains("2:a=");

      clock.advance(1);
      CompactionResult afterHorizon = log.compact().join();

      assertThat(afterHorizon.recordsRemoved()).isEqualTo(1);
      assertThat(contents(log)).containsExactly("1:b=1", "3:c=1", "4:d=1");
    }
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void shouldCompactBatchesOfEveryCodecAndKeepTheirCodec(CompressionType codec) throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      appendAndRoll(log, batch(codec, 100, "k0=v1", "k1=v1", "k2=v1", "=n1", "k3=v1"));
      appendAndRoll(log, batch(codec, 200, "k1=v2", "k2=", "=n2"));
      log.append(batch(codec, 300, "k3=v3")).join();

      log.compact().join();

      assertThat(contents(log))
          .containsExactly("0:k0=v1", "3:=n1", "4:k3=v1", "5:k1=v2", "6:k2=", "7:=n2", "8:k3=v3");
      ByteBuffer all = log.read(0, Integer.MAX_VALUE).readAll();
      for (MutableRecordBatch batch : KeyedBatches.validateWithKafka(all)) {
        assertThat(batch.compressionType().name).isEqualTo(codec.configName());
      }
      RecordBatch first = RecordBatch.wrap(all, 0);
      assertThat(first.baseOffset()).isZero();
      assertThat(first.lastOffset()).isEqualTo(4);
      assertThat(first.recordCount()).isEqualTo(3);
      assertThat(first.compression()).isEqualTo(codec);
    }
  }

  @Test
  void shouldReadTheNextRetainedRecordAtACompactedAwayOffsetAndStillFindOffsetsByTimestamp()
      throws IOException {
    LogConfig cfg = config().indexIntervalBytes(0).build();
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      appendAndRoll(log, batch(1_000, "a=1", "b=1", "c=1"));
      appendAndRoll(log, batch(2_000, "a=2", "b=2"));
      appendAndRoll(log, batch(3_000, "d=1"));
      log.append(batch(4_000, "e=1")).join();

      log.compact().join();

      assertThat(contents(log)).containsExactly("2:c=1", "3:a=2", "4:b=2", "5:d=1", "6:e=1");
      LogSlice slice = log.read(0, 1);
      assertThat(slice.firstBatchOffset()).isEqualTo(2);
      assertThat(TestBatches.decode(slice.readAll())).containsExactly("2:1");
      assertThat(TestBatches.decode(log.read(1, 1).readAll())).first().isEqualTo("2:1");
      assertThat(log.offsetForTimestamp(0)).contains(new TimestampOffset(2, 1_002));
      assertThat(log.offsetForTimestamp(1_001)).contains(new TimestampOffset(2, 1_002));
      assertThat(log.offsetForTimestamp(1_003)).contains(new TimestampOffset(3, 2_000));
      assertThat(log.offsetForTimestamp(2_001)).contains(new TimestampOffset(4, 2_001));
      assertThat(log.offsetForTimestamp(3_500)).contains(new TimestampOffset(6, 4_000));
      assertThat(log.offsetForTimestamp(5_000)).isEmpty();
    }
  }

  @Test
  void shouldKeepAcceptingAppendsWithContiguousOffsetsWhileCompacting() throws Exception {
    LogConfig cfg = config().segmentMs(Long.MAX_VALUE).segmentBytes(1024).build();
    int batches = 400;
    try (PartitionLog log = PartitionLog.open(dir, cfg, io)) {
      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      Thread producer =
          new Thread(
              () -> {
                for (int i = 0; i < batches; i++) {
                  futures.add(log.append(batch(i, "k" + (i % 7) + "=v" + i, "=n" + i)));
                }
              });
      producer.start();
      List<CompactionResult> results = new ArrayList<>();
      while (producer.isAlive()) {
        results.add(log.compact().join());
      }
      producer.join();
      for (int i = 0; i < batches; i++) {
        assertThat(futures.get(i).join().baseOffset()).isEqualTo(2L * i);
      }
      results.add(log.compact().join());

      List<String> after = contents(log);
      Map<Long, String> appended = new HashMap<>();
      Map<Integer, Long> latestOffsetOfKey = new HashMap<>();
      for (int i = 0; i < batches; i++) {
        appended.put(2L * i, 2L * i + ":k" + (i % 7) + "=v" + i);
        appended.put(2L * i + 1, (2L * i + 1) + ":=n" + i);
        latestOffsetOfKey.put(i % 7, 2L * i);
      }
      for (String record : after) {
        assertThat(appended).containsValue(record);
      }
      for (long offset = 1; offset < 2L * batches; offset += 2) {
        assertThat(after).contains(appended.get(offset));
      }
      for (long offset : latestOffsetOfKey.values()) {
        assertThat(after).contains(appended.get(offset));
      }
      assertThat(after).hasSizeLessThan(2 * batches);
      assertThat(results.stream().mapToLong(CompactionResult::recordsRemoved).sum()).isPositive();
      assertThat(log.append(batch(0, "z=1")).join().baseOffset()).isEqualTo(2L * batches);
    }
  }

  @Test
  void shouldDiscardTheCleanedCopyWhenTruncationChangedASourceSegmentMeanwhile()
      throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      appendAndRoll(log, batch(100, "a=1"));
      appendAndRoll(log, batch(200, "a=2"));
      appendAndRoll(log, batch(300, "b=1"));
      log.append(batch(400, "c=1")).join();
      // Between cleaning and swap: truncate into the last sealed segment, append there and roll it
      // again, so the segment object is the same but its content is not.
      log.cleaner()
          .beforeSwap(
              () -> {
                log.truncateTo(2).join();
                appendAndRoll(log, batch(500, "a=9"));
                log.append(batch(600, "z=1")).join();
              });

      CompactionResult result = log.compact().join();

      assertThat(result.segmentsCleaned()).isZero();
      assertThat(contents(log)).containsExactly("0:a=1", "1:a=2", "2:a=9", "3:z=1");
      assertThat(leftoverFiles()).isEmpty();

      log.cleaner().beforeSwap(() -> {});
      assertThat(log.compact().join().recordsRemoved()).isEqualTo(2);
      assertThat(contents(log)).containsExactly("2:a=9", "3:z=1");
    }
  }

  @Test
  void shouldDiscardTheCleanedCopyWhenTruncationRemovedTheSourceSegments() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      appendAndRoll(log, batch(100, "a=1"));
      appendAndRoll(log, batch(200, "a=2"));
      log.append(batch(400, "c=1")).join();
      log.cleaner().beforeSwap(() -> log.truncateTo(1).join());

      CompactionResult result = log.compact().join();

      assertThat(result).isEqualTo(CompactionResult.NONE);
      assertThat(contents(log)).containsExactly("0:a=1");
      assertThat(leftoverFiles()).isEmpty();
    }
  }

  @Test
  void shouldSwapWhenTruncationOnlyTouchedTheActiveSegment() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      appendAndRoll(log, batch(100, "a=1"));
      appendAndRoll(log, batch(200, "a=2"));
      log.append(batch(300, "c=1")).join();
      log.append(batch(400, "d=1")).join();
      log.cleaner().beforeSwap(() -> log.truncateTo(3).join());

      assertThat(log.compact().join().segmentsCleaned()).isEqualTo(2);
      assertThat(contents(log)).containsExactly("1:a=2", "2:c=1");
    }
  }

  @Test
  void shouldCleanInSeveralPassesWhenTheKeysDoNotFitTheOffsetMap() throws IOException {
    io.close();
    io = LogIo.create(2, clock, Duration.ZERO, Duration.ZERO, 2);
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io)) {
      appendAndRoll(log, batch(100, "a=1", "b=1", "c=1"));
      appendAndRoll(log, batch(200, "a=2", "b=2", "c=2"));
      log.append(batch(300, "x=1")).join();

      assertThat(log.compact().join().recordsRemoved()).isZero();
      assertThat(log.compact().join().recordsRemoved()).isEqualTo(1);
      assertThat(contents(log))
          .containsExactly("1:b=1", "2:c=1", "3:a=2", "4:b=2", "5:c=2", "6:x=1");
      assertThat(log.compact().join().recordsRemoved()).isEqualTo(2);
      assertThat(contents(log)).containsExactly("3:a=2", "4:b=2", "5:c=2", "6:x=1");
    }
  }

  @Test
  void shouldCompactAnEncryptedLogAndKeepItEncrypted() throws IOException {
    Optional<EncryptionKey> key =
        Optional.of(EncryptionKey.fromBytes(new byte[EncryptionKey.SIZE_BYTES]));
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io, key)) {
      appendAndRoll(log, batch(CompressionType.LZ4, 100, "a=1", "b=secret-1"));
      appendAndRoll(log, batch(CompressionType.LZ4, 200, "b=secret-2", "a="));
      log.append(batch(300, "c=1")).join();

      assertThat(log.compact().join().recordsRemoved()).isEqualTo(2);
      assertThat(contents(log)).containsExactly("2:b=secret-2", "3:a=", "4:c=1");
    }
    byte[] stored = Files.readAllBytes(SegmentFiles.log(dir, 0));
    assertThat(RecordBatch.wrap(ByteBuffer.wrap(stored), 0).isEncrypted()).isTrue();
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("secret");
    try (PartitionLog log = PartitionLog.open(dir, config().build(), io, key)) {
      assertThat(contents(log)).containsExactly("2:b=secret-2", "3:a=", "4:c=1");
    }
  }

  @Test
  void shouldCompactInTheBackgroundOnceTheDirtyRatioIsReached() throws IOException {
    io.close();
    io = LogIo.create(2, clock, Duration.ZERO, Duration.ofMillis(5), OffsetMap.DEFAULT_MAX_KEYS);
    try (PartitionLog log =
        PartitionLog.open(dir, config().minCleanableDirtyRatio(0.5).build(), io)) {
      appendAndRoll(log, batch(100, "a=1", "b=1"));
      appendAndRoll(log, batch(200, "a=2", "b=2"));
      log.append(batch(300, "c=1")).join();

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> contents(log).equals(List.of("2:a=2", "3:b=2", "4:c=1")));
    }
  }

  @Test
  void shouldRefuseToCompactALogWithTheDeletePolicy() throws IOException {
    try (PartitionLog log =
        PartitionLog.open(dir, config().cleanupPolicy(CleanupPolicy.DELETE).build(), io)) {
      assertThatThrownBy(() -> log.compact().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cleanup_policy: DELETE");
    }
  }

  @Test
  void shouldRejectADirtyRatioOutsideZeroToOne() {
    assertThatThrownBy(() -> config().minCleanableDirtyRatio(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min_cleanable_dirty_ratio: 1.5");
  }

  private List<Path> leftoverFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              p ->
                  p.toString().endsWith(SegmentFiles.CLEANED_SUFFIX)
                      || p.toString().endsWith(SegmentFiles.SWAP_SUFFIX))
          .toList();
    }
  }
}
