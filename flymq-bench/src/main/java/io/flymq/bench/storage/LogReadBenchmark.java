package io.flymq.bench.storage;

import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.LogIo;
import io.flymq.storage.log.LogSlice;
import io.flymq.storage.log.PartitionLog;
import io.flymq.storage.log.SyncMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read throughput of a {@link PartitionLog} from the page cache, against a plain {@link
 * FileChannel#read} of the very same bytes.
 *
 * <p>The setup appends {@code logBytes} of batches (15 records of 1 KiB per 16 KiB batch by
 * default) into one segment and reads the file once so it is in the page cache. It then records,
 * consumer style, the slices a reader gets walking the log from offset 0 with {@code maxBytes} per
 * read: their offsets, file positions and sizes.
 *
 * <ul>
 *   <li>{@link #logRead}: {@code PartitionLog.read(offset, maxBytes)} for the next recorded offset
 *       (wrapping at the log end), then copies the slice into a reused direct buffer through the
 *       slice's channel with positional reads, as a non-zero-copy fetch would.
 *   <li>{@link #fileChannelRead}: the baseline. Positional reads of the same positions and sizes
 *       from the same segment file, through a channel of its own, into the same kind of buffer. It
 *       knows where each slice is; the log has to find it (index lookup, batch header reads).
 * </ul>
 *
 * <p>One operation is one read; the secondary result {@code bytes} is bytes/s (divide by 10^6 for
 * MB/s). The ratio of the two isolates what {@code read()} costs on top of copying the bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class LogReadBenchmark {
  /** Value bytes of each record. */
  @Param("1024")
  public int recordBytes;

  /** Upper bound of a batch, header included. */
  @Param("16384")
  public int batchBytes;

  /** Bytes asked for by each read. */
  @Param({"65536", "1048576"})
  public int maxBytes;

  /** Bytes of batches in the log; stays in one segment, and in the page cache. */
  @Param("67108864")
  public int logBytes;

  private LogIo io;
  private Path dir;
  private PartitionLog log;
  private FileChannel plain;
  private ByteBuffer buffer;
  private long[] offsets;
  private long[] positions;
  private int[] sizes;
  private int cursor;

  /** Throughput in bytes, reported per second next to the reads per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO);
    dir = BenchFiles.createTempDir("flymq-bench-read");
    LogConfig config =
        LogConfig.builder()
            .syncMode(SyncMode.NEVER)
            .segmentBytes(Math.max(logBytes + batchBytes, 1024))
            .retentionBytes(-1)
            .retentionMs(-1)
            .build();
    log = PartitionLog.open(dir, config, io);
    ByteBuffer batch = BenchBatches.build(recordBytes, batchBytes, 42);
    for (long written = 0; written + batch.remaining() <= logBytes; written += batch.remaining()) {
      log.append(batch).join();
    }
    Path segment = onlySegmentFile(dir);
    plain = FileChannel.open(segment, StandardOpenOption.READ);
    buffer = ByteBuffer.allocateDirect(Math.max(maxBytes, batchBytes));
    planReads();
    // Warm the page cache (and both code paths) with one pass over the whole log.
    for (int i = 0; i < offsets.length; i++) {
      logRead(new Bytes());
      fileChannelRead(new Bytes());
    }
  }

  private void planReads() throws IOException {
    List<LogSlice.FileSlice> slices = new ArrayList<>();
    long offset = 0;
    while (offset < log.logEndOffset()) {
      LogSlice.FileSlice slice = (LogSlice.FileSlice) log.read(offset, maxBytes);
      slices.add(slice);
      offset = slice.nextOffset();
    }
    offsets = new long[slices.size()];
    positions = new long[slices.size()];
    sizes = new int[slices.size()];
    for (int i = 0; i < slices.size(); i++) {
      offsets[i] = slices.get(i).firstBatchOffset();
      positions[i] = slices.get(i).position();
      sizes[i] = slices.get(i).sizeInBytes();
    }
    cursor = 0;
  }

  private static Path onlySegmentFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> logs =
          files.filter(path -> path.getFileName().toString().endsWith(".log")).toList();
      if (logs.size() != 1) {
        throw new IllegalStateException(
            "segment files in " + dir + ": " + logs + " (expected: exactly one)");
      }
      return logs.get(0);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    plain.close();
    log.delete();
    io.close();
    BenchFiles.deleteRecursively(dir);
  }

  private int nextRead() {
    int i = cursor;
    cursor = i + 1 == offsets.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public int logRead(Bytes counter) throws IOException {
    LogSlice.FileSlice slice = (LogSlice.FileSlice) log.read(offsets[nextRead()], maxBytes);
    int size = slice.sizeInBytes();
    copy(slice.channel(), slice.position(), size);
    counter.bytes += size;
    return buffer.getInt(0);
  }

  @Benchmark
  public int fileChannelRead(Bytes counter) throws IOException {
    int i = nextRead();
    int size = sizes[i];
    copy(plain, positions[i], size);
    counter.bytes += size;
    return buffer.getInt(0);
  }

  private void copy(FileChannel channel, long position, int size) throws IOException {
    buffer.clear().limit(size);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IllegalStateException(
            "file ended at " + (position + buffer.position()) + " inside a slice");
      }
    }
  }
}
