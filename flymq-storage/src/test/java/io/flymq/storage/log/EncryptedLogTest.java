package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.record.RecordBatch;
import io.flymq.storage.crypto.EncryptionKey;
import io.flymq.storage.crypto.EncryptionKeyMismatchException;
import io.flymq.storage.crypto.EncryptionKeyMissingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest through the partition log's public interface. */
class EncryptedLogTest {
  private static final EncryptionKey KEY =
      EncryptionKey.fromHex(
          "00112233445566778899aabbccddeeff" + "00112233445566778899aabbccddeeff");
  private static final EncryptionKey OTHER_KEY = EncryptionKey.fromHex("ff".repeat(32));

  @TempDir Path dir;
  private final LogIo io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO);

  @AfterEach
  void tearDown() {
    io.close();
  }

  private static LogConfig config() {
    return LogConfig.builder()
        .segmentBytes(4096)
        .syncMode(SyncMode.NEVER)
        .fileDeleteDelayMs(0)
        .build();
  }

  @Test
  void shouldStoreCiphertextAndReadPlaintextBatches() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(), io, Optional.of(KEY))) {
      log.append(TestBatches.batch("secret-payload", 3)).join();

      RecordBatch read = RecordBatch.wrap(log.read(0, 10_000).readAll(), 0);
      assertThat(read.isEncrypted()).isFalse();
      assertThat(read.isCrcValid()).isTrue();
      assertThat(TestBatches.decode(log.read(0, 10_000).readAll()))
          .hasSize(3)
          .allMatch(r -> r.contains("secret-payload"));
      assertThat(log.isEncrypted()).isTrue();
    }
    String onDisk =
        new String(Files.readAllBytes(SegmentFiles.log(dir, 0)), StandardCharsets.ISO_8859_1);
    assertThat(onDisk).doesNotContain("secret-payload");
  }

  @Test
  void shouldRefuseToOpenWithAnotherKeyOrWithoutKey() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(), io, Optional.of(KEY))) {
      log.append(TestBatches.batch("a", 1)).join();
    }

    assertThatThrownBy(() -> PartitionLog.open(dir, config(), io, Optional.of(OTHER_KEY)))
        .isInstanceOf(EncryptionKeyMismatchException.class)
        .hasMessageContaining(OTHER_KEY.fingerprint());
    assertThatThrownBy(() -> PartitionLog.open(dir, config(), io))
        .isInstanceOf(EncryptionKeyMissingException.class);
  }

  @Test
  void shouldRecoverAnEncryptedLogAfterACrashAndKeepOffsetsAcrossSegments() throws IOException {
    try (PartitionLog log = PartitionLog.open(dir, config(), io, Optional.of(KEY))) {
      for (int i = 0; i < 20; i++) {
        log.append(TestBatches.batch("r" + i, 2, 200, 1)).join();
      }
    }
    Files.delete(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE));

    try (PartitionLog log = PartitionLog.open(dir, config(), io, Optional.of(KEY))) {
      assertThat(log.segmentCount()).isGreaterThan(1);
      List<String> all = new java.util.ArrayList<>();
      long offset = 0;
      while (offset < log.logEndOffset()) {
        LogSlice slice = log.read(offset, 1000);
        all.addAll(TestBatches.decode(slice.readAll()));
        offset = slice.nextOffset();
      }
      assertThat(all).hasSize(40);
      assertThat(all.get(39)).startsWith("39:r19-1");
      assertThat(log.offsetForTimestamp(2)).get().extracting(TimestampOffset::offset).isEqualTo(1L);
    }
  }
}
