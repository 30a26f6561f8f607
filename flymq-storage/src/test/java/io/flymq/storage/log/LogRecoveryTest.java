package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.record.RecordBatch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the log without a process kill: files are damaged the way a crash or a bad disk
 * damages them (torn tail, flipped bits in the log or its indexes), then the log is reopened and
 * must hold exactly the batches fully written before the damage.
 */
class LogRecoveryTest {
  private final List<Path> dirs = new ArrayList<>();

  /** What was appended: per batch its first offset, its size and its records as "offset:value". */
  private record Written(long baseOffset, int size, List<String> records) {}

  // jqwik properties and JUnit tests have separate lifecycles: clean up after both.
  @AfterProperty
  @AfterEach
  void cleanUp() throws IOException {
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
    dirs.clear();
  }

  private Path newDir() throws IOException {
    Path dir = Files.createTempDirectory("flymq-recovery");
    dirs.add(dir);
    return dir;
  }

  private static LogConfig config() {
    return LogConfig.builder()
        .segmentBytes(64 * 1024)
        .indexIntervalBytes(512)
        .syncMode(SyncMode.NEVER)
        .fileDeleteDelayMs(0)
        .build();
  }

  /** Appends random batches, closes the log, then removes the clean-shutdown marker (a crash). */
  private static List<Written> writeAndCrash(Path dir, Random random, int batches)
      throws IOException {
    List<Written> written = new ArrayList<>();
    try (LogIo io = LogIo.create(1, java.time.Clock.systemUTC(), Duration.ZERO);
        PartitionLog log = PartitionLog.open(dir, config(), io)) {
      for (int i = 0; i < batches; i++) {
        int count = 1 + random.nextInt(5);
        ByteBuffer batch = TestBatches.batch("b" + i, count, random.nextInt(400), 1_000 + i);
        int size = batch.remaining();
        List<String> expected = TestBatches.decode(batch.duplicate());
        AppendResult result = log.append(batch).join();
        written.add(
            new Written(
                result.baseOffset(),
                size,
                expected.stream()
                    .map(
                        r ->
                            (result.baseOffset() + Long.parseLong(r.substring(0, r.indexOf(':'))))
                                + r.substring(r.indexOf(':')))
                    .toList()));
      }
    }
    Files.delete(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE));
    return written;
  }

  private static Path activeSegment(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".log"))
          .max(Comparator.naturalOrder())
          .orElseThrow();
    }
  }

  private static long baseOf(Path segmentFile) {
    return Long.parseLong(segmentFile.getFileName().toString().substring(0, 20));
  }

  /**
   * Records of all batches whose bytes lie entirely before {@code damageAt} in the active segment.
   */
  private static List<String> expectedAfterDamage(
      List<Written> written, long activeBase, long damageAt) {
    List<String> expected = new ArrayList<>();
    long position = 0;
    for (Written batch : written) {
      if (batch.baseOffset() >= activeBase) {
        if (position + batch.size() > damageAt) {
          break;
        }
        position += batch.size();
      }
      expected.addAll(batch.records());
    }
    return expected;
  }

  private static List<String> readEverything(Path dir) throws IOException {
    try (LogIo io = LogIo.create(1, java.time.Clock.systemUTC(), Duration.ZERO);
        PartitionLog log = PartitionLog.open(dir, config(), io)) {
      List<String> out = new ArrayList<>();
      long offset = log.logStartOffset();
      while (offset < log.logEndOffset()) {
        LogSlice slice = log.read(offset, 4096);
        out.addAll(TestBatches.decode(slice.readAll()));
        offset = slice.nextOffset();
      }
      // Every offset must also be readable on its own: indexes were rebuilt correctly.
      for (String record : out) {
        long recordOffset = Long.parseLong(record.substring(0, record.indexOf(':')));
        assertThat(TestBatches.decode(log.read(recordOffset, 1).readAll())).contains(record);
      }
      // The log continues right after what survived.
      AppendResult next = log.append(TestBatches.batch("after", 1)).join();
      assertThat(next.baseOffset()).isEqualTo(out.size());
      return out;
    }
  }

  /**
   * A log written from {@code seed} and crashed, with its active segment file and that file's size.
   */
  private record Crashed(
      Random random, Path dir, List<Written> written, Path active, long activeSize) {}

  private Crashed crashedLog(long seed, int batches) throws IOException {
    Random random = new Random(seed);
    Path dir = newDir();
    List<Written> written = writeAndCrash(dir, random, batches);
    Path active = activeSegment(dir);
    return new Crashed(random, dir, written, active, Files.size(active));
  }

  @Property(tries = 40)
  void shouldRecoverExactlyTheBatchesBeforeATornTail(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int batches) throws IOException {
    Crashed crashed = crashedLog(seed, batches);
    long cut = crashed.random().nextLong(crashed.activeSize() + 1);
    try (FileChannel channel = FileChannel.open(crashed.active(), StandardOpenOption.WRITE)) {
      channel.truncate(cut);
    }

    assertThat(readEverything(crashed.dir()))
        .isEqualTo(expectedAfterDamage(crashed.written(), baseOf(crashed.active()), cut));
  }

  @Property(tries = 60)
  void shouldRecoverExactlyTheBatchesBeforeAFlippedByte(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int batches) throws IOException {
    Crashed crashed = crashedLog(seed, batches);
    Random random = crashed.random();
    List<Written> written = crashed.written();
    Path active = crashed.active();
    if (crashed.activeSize() == 0) {
      return;
    }
    long at = random.nextLong(crashed.activeSize());
    flip(active, at, 1 << random.nextInt(8));

    List<String> expected = expectedAfterDamage(written, baseOf(active), at);
    long batchStart = startOfBatchContaining(written, baseOf(active), at);
    long field = at - batchStart;
    if (field >= RecordBatch.PARTITION_LEADER_EPOCH_OFFSET && field < RecordBatch.MAGIC_OFFSET) {
      // The leader epoch is outside the CRC by design (the log rewrites it): a flip there is
      // invisible, and the records are intact.
      expected = written.stream().flatMap(w -> w.records().stream()).toList();
    }
    assertThat(readEverything(crashed.dir())).isEqualTo(expected);
  }

  private static long startOfBatchContaining(List<Written> written, long activeBase, long at) {
    long position = 0;
    for (Written batch : written) {
      if (batch.baseOffset() >= activeBase) {
        if (position + batch.size() > at) {
          return position;
        }
        position += batch.size();
      }
    }
    return position;
  }

  @Property(tries = 40)
  void shouldServeCorrectDataWhateverBytesOfTheIndexesAreFlipped(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 80) int batches,
      @ForAll boolean cleanShutdown)
      throws IOException {
    Random random = new Random(seed);
    Path dir = newDir();
    List<Written> written = writeAndCrash(dir, random, batches);
    if (cleanShutdown) {
      Files.createFile(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE));
    }
    List<Path> indexes;
    try (Stream<Path> files = Files.list(dir)) {
      indexes = files.filter(p -> p.toString().endsWith("index")).toList();
    }
    for (int i = 0; i < 5; i++) {
      Path index = indexes.get(random.nextInt(indexes.size()));
      long size = Files.size(index);
      if (size > 0) {
        flip(index, random.nextLong(size), 1 << random.nextInt(8));
      }
    }

    assertThat(readEverything(dir))
        .isEqualTo(written.stream().flatMap(w -> w.records().stream()).toList());
  }

  @Test
  void shouldScanSegmentsFromTheRecoveryPointAndDropEverythingAfterADamagedOne()
      throws IOException {
    Path dir = newDir();
    List<Written> written = writeAndCrash(dir, new Random(11), 400);
    List<Path> segments;
    try (Stream<Path> files = Files.list(dir)) {
      segments = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
    assertThat(segments).hasSizeGreaterThan(2);
    // A crash before the background seal of the second segment finished: the recovery point is
    // still at its base, and its tail was never written back.
    Path second = segments.get(1);
    long secondBase = baseOf(second);
    Files.writeString(dir.resolve(RecoveryPoint.FILE_NAME), secondBase + "\n");
    long cut = Files.size(second) / 2;
    try (FileChannel channel = FileChannel.open(second, StandardOpenOption.WRITE)) {
      channel.truncate(cut);
    }

    List<String> expected =
        expectedAfterDamage(written, secondBase, cut).stream()
            .filter(r -> Long.parseLong(r.substring(0, r.indexOf(':'))) < baseOf(segments.get(2)))
            .toList();
    assertThat(readEverything(dir)).isEqualTo(expected);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".log")).count()).isEqualTo(2);
    }
  }

  @Test
  void shouldRecoverFromIndexFilesOfTheWrongSizeAndMissingIndexes() throws IOException {
    Path dir = newDir();
    List<Written> written = writeAndCrash(dir, new Random(7), 50);
    Files.createFile(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path index : files.filter(p -> p.toString().endsWith(".index")).toList()) {
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
          file.setLength(Math.max(0, file.length() - 3));
        }
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path index : files.filter(p -> p.toString().endsWith(".timeindex")).toList()) {
        Files.delete(index);
      }
    }

    assertThat(readEverything(dir))
        .isEqualTo(written.stream().flatMap(w -> w.records().stream()).toList());
  }

  @Test
  void shouldOpenAnEmptyActiveSegmentLeftByACrashRightAfterARoll() throws IOException {
    Path dir = newDir();
    List<Written> written = writeAndCrash(dir, new Random(3), 30);
    long next =
        written.get(written.size() - 1).baseOffset()
            + written.get(written.size() - 1).records().size();
    Files.createFile(SegmentFiles.log(dir, next));

    assertThat(readEverything(dir))
        .isEqualTo(written.stream().flatMap(w -> w.records().stream()).toList());
  }

  private static void flip(Path file, long position, int mask) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.flip();
      one.put(0, (byte) (one.get(0) ^ mask));
      channel.write(one, position);
    }
  }
}
