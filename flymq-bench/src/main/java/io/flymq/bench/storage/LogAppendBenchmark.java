package io.flymq.bench.storage;

import io.flymq.storage.log.AppendResult;
import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.LogIo;
import io.flymq.storage.log.PartitionLog;
import io.flymq.storage.log.SyncMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput of a {@link PartitionLog} with {@code sync=never}, against a plain {@link
 * java.nio.channels.FileChannel#write} loop writing the very same batch bytes.
 *
 * <p>One operation is one batch ({@code batchBytes} at most, holding as many {@code
 * recordBytes}-value records as fit: 15 records of 1 KiB in 16 KiB by default). The secondary
 * result {@code bytes} is the same throughput in bytes/s; divide by 10^6 for MB/s.
 *
 * <ul>
 *   <li>{@link #logAppend}: {@code PartitionLog.append} with at most {@code window} appends
 *       outstanding; the benchmark thread joins the oldest future before reusing its buffer (the
 *       log owns an appended buffer until its future completes). {@code window=1} joins every
 *       append before the next: the latency-bound path of a single producer that waits for each
 *       ack, paying the hand-off to the log's writer thread and back every time. {@code window=32}
 *       is the throughput path of a pipelining producer (or many producers): validation (CRC32C) on
 *       the caller's thread overlaps with writes on the writer thread. Operations are counted when
 *       submitted; at most {@code window} of them complete after the iteration ends (joined in the
 *       tear-down), a negligible share.
 *   <li>{@link #fileChannelWrite}: the baseline. One thread writes the same bytes with positional
 *       writes into files of the same size as the log's segments, keeping as many files as the
 *       log's retention keeps. {@code forceOnRoll=false} is the plain write loop the target
 *       compares with; {@code forceOnRoll=true} also forces each full file, as the log does when it
 *       seals a segment under {@code sync=always} or {@code interval}. Under {@code sync=never},
 *       the mode measured here, the log forces a sealed segment only {@code seal_force_delay_ms}
 *       (30 s) after its roll, so in these short iterations, where retention deletes segments
 *       within seconds, neither side ever forces.
 * </ul>
 *
 * <p>Both write into fresh directories under {@code java.io.tmpdir} each iteration, rolling at 256
 * MiB and keeping about 1 GiB, so disk use stays bounded whatever the iteration time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LogAppendBenchmark {
  static final int SEGMENT_BYTES = 256 << 20;
  static final int KEEP_SEGMENTS = 4;

  /** The batch both sides write. */
  @State(Scope.Thread)
  public static class Batch {
    /** Value bytes of each record. */
    @Param("1024")
    public int recordBytes;

    /** Upper bound of a batch, header included. */
    @Param("16384")
    public int batchBytes;

    ByteBuffer bytes;

    @Setup(Level.Trial)
    public void build() {
      bytes = BenchBatches.build(recordBytes, batchBytes, 42);
    }
  }

  /** Throughput in bytes, reported per second next to the batches per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  /** A fresh partition log per iteration, and the window of outstanding appends. */
  @State(Scope.Thread)
  public static class Log {
    /** Appends outstanding at most: 1 joins each append before the next. */
    @Param({"1", "32"})
    public int window;

    private LogIo io;
    private Path dir;
    PartitionLog log;
    private ByteBuffer[] buffers;
    private final List<CompletableFuture<AppendResult>> inFlight = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void startIo(Batch batch) {
      // Retention checked every second, so the log stays near KEEP_SEGMENTS segments like the
      // baseline.
      io = LogIo.create(1, Clock.systemUTC(), Duration.ofSeconds(1));
      buffers = new ByteBuffer[window];
      for (int i = 0; i < window; i++) {
        buffers[i] = BenchBatches.copyOf(batch.bytes);
      }
      inFlight.addAll(Collections.nCopies(window, null));
    }

    @Setup(Level.Iteration)
    public void open() throws IOException {
      dir = BenchFiles.createTempDir("flymq-bench-append");
      LogConfig config =
          LogConfig.builder()
              .syncMode(SyncMode.NEVER)
              .segmentBytes(SEGMENT_BYTES)
              .retentionBytes((long) KEEP_SEGMENTS * SEGMENT_BYTES)
              .retentionMs(-1)
              .fileDeleteDelayMs(0)
              .build();
      log = PartitionLog.open(dir, config, io);
      next = 0;
    }

    /** Appends the next buffer, first waiting for the append that last used it. */
    AppendResult append() {
      int slot = next;
      next = slot + 1 == window ? 0 : slot + 1;
      CompletableFuture<AppendResult> previous = inFlight.get(slot);
      AppendResult completed = previous == null ? null : previous.join();
      inFlight.set(slot, log.append(buffers[slot]));
      return completed;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      for (int i = 0; i < window; i++) {
        CompletableFuture<AppendResult> pending = inFlight.set(i, null);
        if (pending != null) {
          pending.join();
        }
      }
      log.delete();
      BenchFiles.deleteRecursively(dir);
    }

    @TearDown(Level.Trial)
    public void stopIo() {
      io.close();
    }
  }

  /** The baseline's files, fresh per iteration. */
  @State(Scope.Thread)
  public static class Plain {
    /**
     * Whether a full file is forced before the next one starts, as the log does at a segment roll
     * unless {@code sync=never}.
     */
    @Param({"false", "true"})
    public boolean forceOnRoll;

    private Path dir;
    RollingFile file;

    @Setup(Level.Iteration)
    public void open() throws IOException {
      dir = BenchFiles.createTempDir("flymq-bench-write");
      file = new RollingFile(dir, SEGMENT_BYTES, KEEP_SEGMENTS, forceOnRoll);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      file.close();
      BenchFiles.deleteRecursively(dir);
    }
  }

  @Benchmark
  public AppendResult logAppend(Batch batch, Log log, Bytes counter) {
    AppendResult completed = log.append();
    counter.bytes += batch.bytes.remaining();
    return completed;
  }

  @Benchmark
  public void fileChannelWrite(Batch batch, Plain plain, Bytes counter) throws IOException {
    plain.file.write(batch.bytes);
    counter.bytes += batch.bytes.remaining();
  }
}
