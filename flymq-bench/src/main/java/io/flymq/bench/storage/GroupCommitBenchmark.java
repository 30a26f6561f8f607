package io.flymq.bench.storage;

import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.LogIo;
import io.flymq.storage.log.PartitionLog;
import io.flymq.storage.log.SyncMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Group commit of a {@link PartitionLog} with {@code sync=always}: 8 threads append to one log,
 * each waiting for its append to be forced before the next, against one thread that writes and
 * forces each batch itself.
 *
 * <ul>
 *   <li>{@link #groupCommitAppend}: appends/s with 8 appenders. Its secondary result {@code fsyncs}
 *       counts the groups the writer forced (one fsync each, see below), so {@code appends /
 *       fsyncs} is the mean group size.
 *   <li>{@link #writeForceEach}: the baseline, one thread doing {@code FileChannel.write} then
 *       {@code force(false)} per batch: the fsync rate this disk gives, i.e. what appends/s would
 *       be with one fsync per append. Group commit should beat it by about the group size.
 * </ul>
 *
 * <p>How fsyncs are counted without a counter in the storage API: under ALWAYS the log's writer
 * writes a whole group, forces once, then completes the group's futures one after another on its
 * own thread, before it takes the next group. A callback attached to each append therefore runs on
 * the writer thread while {@link PartitionLog#logEndOffset()} is the end of its group, and the
 * number of distinct end offsets seen by those callbacks is the number of forced groups. A callback
 * attached too late runs on the appender's thread instead; those are counted in {@code
 * lateCallbacks} and should stay 0. Forces at segment rolls (one per 256 MiB) are not counted.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GroupCommitBenchmark {
  static final int SEGMENT_BYTES = 256 << 20;
  static final int KEEP_SEGMENTS = 4;

  /** The batch shape both sides write. */
  @State(Scope.Benchmark)
  public static class Shape {
    /** Value bytes of each record. */
    @Param("1024")
    public int recordBytes;

    /** Upper bound of a batch, header included. */
    @Param("16384")
    public int batchBytes;

    ByteBuffer newBatch() {
      return BenchBatches.build(recordBytes, batchBytes, 42);
    }
  }

  /** The log all appenders share, and the group counting done on its writer thread. */
  @State(Scope.Benchmark)
  public static class SharedLog {
    private LogIo io;
    private Path dir;
    PartitionLog log;

    /**
     * End offset of the last group seen; touched only by callbacks on the log's (serial) writer.
     */
    private long lastGroupEnd = -1;

    @Setup(Level.Trial)
    public void open() throws IOException {
      io = LogIo.create(1, Clock.systemUTC(), Duration.ofSeconds(1));
      dir = BenchFiles.createTempDir("flymq-bench-group");
      LogConfig config =
          LogConfig.builder()
              .syncMode(SyncMode.ALWAYS)
              .segmentBytes(SEGMENT_BYTES)
              .retentionBytes((long) KEEP_SEGMENTS * SEGMENT_BYTES)
              .retentionMs(-1)
              .fileDeleteDelayMs(0)
              .build();
      log = PartitionLog.open(dir, config, io);
    }

    /** Called on the writer thread as the group ending at {@code groupEnd} completes. */
    boolean isNewGroup(long groupEnd) {
      if (groupEnd == lastGroupEnd) {
        return false;
      }
      lastGroupEnd = groupEnd;
      return true;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      log.delete();
      io.close();
      BenchFiles.deleteRecursively(dir);
    }
  }

  /** One appender: its own batch buffer and its share of the counted fsyncs. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Appender {
    /** Groups first seen by this appender's callbacks; written on the writer thread only. */
    public volatile long fsyncs;

    /** Callbacks that ran on this thread because the append had completed already. */
    public volatile long lateCallbacks;

    private ByteBuffer batch;
    private Thread thread;

    @Setup(Level.Trial)
    public void build(Shape shape) {
      batch = shape.newBatch();
    }

    @Setup(Level.Iteration)
    public void reset() {
      thread = Thread.currentThread();
      fsyncs = 0;
      lateCallbacks = 0;
    }

    void countGroup(SharedLog shared) {
      if (Thread.currentThread() == thread) {
        lateCallbacks++;
      } else if (shared.isNewGroup(shared.log.logEndOffset())) {
        // Only the serial writer gets here, so the non-atomic increment is safe.
        fsyncs++;
      }
    }
  }

  /** The baseline's files. */
  @State(Scope.Thread)
  public static class Plain {
    private Path dir;
    RollingFile file;
    ByteBuffer batch;

    @Setup(Level.Trial)
    public void open(Shape shape) throws IOException {
      batch = shape.newBatch();
      dir = BenchFiles.createTempDir("flymq-bench-force");
      file = new RollingFile(dir, SEGMENT_BYTES, KEEP_SEGMENTS, true);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      file.close();
      BenchFiles.deleteRecursively(dir);
    }
  }

  @Benchmark
  @Threads(8)
  public long groupCommitAppend(SharedLog shared, Appender appender) {
    // Join the callback's stage, not the append: it completes after the callback has counted.
    return shared
        .log
        .append(appender.batch)
        .thenApply(
            result -> {
              appender.countGroup(shared);
              return result.baseOffset();
            })
        .join();
  }

  @Benchmark
  @Threads(1)
  public void writeForceEach(Plain plain) throws IOException {
    plain.file.write(plain.batch);
    plain.file.force();
  }
}
