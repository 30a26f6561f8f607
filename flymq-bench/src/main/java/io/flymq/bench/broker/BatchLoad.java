package io.flymq.bench.broker;

import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * v2 PRODUCE_BATCH load: each connection has a writer thread that keeps up to {@code inflight}
 * requests outstanding (correlation ids from a per-connection counter) and a reader thread that
 * matches responses by correlation id, in whatever order they come. Batches are built once per
 * partition (RecordBatchBuilder, uncompressed, no key, one random value repeated) and sent again
 * and again: they carry no producer id, so the broker appends every copy. Partitions are used round
 * robin.
 */
final class BatchLoad {
  private final InetSocketAddress address;
  private final String topic;
  private final LoadOptions options;
  private final int recordsPerBatch;

  /** Per partition: the frame of a full batch (correlation id patched per send). */
  private final byte[][] fullFrames;

  private final AtomicLongArray endOffsets;

  BatchLoad(InetSocketAddress address, String topic, LoadOptions options) {
    this.address = address;
    this.topic = topic;
    this.options = options;
    this.recordsPerBatch = recordsPerBatch(options.recordSize(), options.batchSize());
    this.fullFrames = new byte[options.partitions()][];
    for (int p = 0; p < options.partitions(); p++) {
      fullFrames[p] = frame(topic, p, recordsPerBatch);
    }
    this.endOffsets = new AtomicLongArray(options.partitions());
  }

  int recordsPerBatch() {
    return recordsPerBatch;
  }

  /**
   * The most records of {@code recordSize} value bytes that fit in a batch of {@code batchSize}
   * bytes (at least 1).
   */
  static int recordsPerBatch(int recordSize, int batchSize) {
    RecordBatchBuilder trial = new RecordBatchBuilder(batchSize + recordSize + 64);
    byte[] value = new byte[recordSize];
    long now = System.currentTimeMillis();
    int count = 0;
    while (true) {
      trial.append(now, (byte[]) null, value);
      if (trial.estimatedSizeInBytes() > batchSize) {
        return Math.max(1, count);
      }
      count++;
    }
  }

  private byte[] frame(String topicName, int partition, int records) {
    byte[] value = new byte[options.recordSize()];
    new SplittableRandom(partition).nextBytes(value);
    RecordBatchBuilder builder = new RecordBatchBuilder(options.batchSize() + 128);
    long now = System.currentTimeMillis();
    for (int i = 0; i < records; i++) {
      builder.append(now, (byte[]) null, value);
    }
    ByteBuffer batch = builder.build();
    ByteBuffer frame =
        MessageCodec.encodeRequest(
            FrameHeader.V2,
            0,
            1,
            new ProduceBatchRequest(topicName, partition, options.acks(), 30_000, batch));
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);
    return bytes;
  }

  /**
   * Sends {@code numRecords} records (the last batch holds the remainder), or sends for {@code
   * duration} when {@code numRecords} is 0; prints progress to {@code progress} (null: none).
   */
  LoadResult run(long numRecords, Duration duration, PrintStream progress)
      throws IOException, InterruptedException {
    long before = endOffsetSum();
    LoadStats stats = new LoadStats();
    long fullBatches = numRecords > 0 ? numRecords / recordsPerBatch : Long.MAX_VALUE;
    int remainder = numRecords > 0 ? (int) (numRecords % recordsPerBatch) : 0;
    byte[][] lastFrames = new byte[options.partitions()][];
    if (remainder > 0) {
      for (int p = 0; p < options.partitions(); p++) {
        lastFrames[p] = frame(topic, p, remainder);
      }
    }
    long totalBatches = remainder > 0 ? fullBatches + 1 : fullBatches;
    Plan plan =
        new Plan(
            new AtomicLong(),
            totalBatches,
            fullBatches,
            remainder,
            lastFrames,
            numRecords > 0 ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Connection> connections = new ArrayList<>();
    try {
      for (int c = 0; c < options.connections(); c++) {
        connections.add(new Connection(c, plan, stats, failure));
      }
      connections.forEach(Connection::start);
      long reportNanos = options.reportInterval().toNanos();
      long nextReport = System.nanoTime() + reportNanos;
      for (Connection connection : connections) {
        while (!connection.join(
            Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextReport - System.nanoTime())))) {
          if (progress != null && System.nanoTime() >= nextReport) {
            stats.report(progress, "batch");
            nextReport += reportNanos;
          }
        }
      }
    } finally {
      for (Connection connection : connections) {
        connection.close();
      }
    }
    if (failure.get() != null) {
      throw new IOException("batch load failed: " + failure.get(), failure.get());
    }
    return stats.finish("batch", endOffsetSum() - before);
  }

  private long endOffsetSum() {
    long sum = 0;
    for (int p = 0; p < endOffsets.length(); p++) {
      sum += endOffsets.get(p);
    }
    return sum;
  }

  /** Which batch the i-th request sends, and when to stop. */
  private record Plan(
      AtomicLong next,
      long totalBatches,
      long fullBatches,
      int remainder,
      byte[][] lastFrames,
      long deadlineNanos) {}

  private record Pending(long sentNanos, int records, int partition, int wireBytes) {}

  /** One connection: a writer thread and a reader thread. */
  private final class Connection {
    private final Plan plan;
    private final LoadStats stats;
    private final AtomicReference<Throwable> failure;
    private final Socket socket;
    private final Semaphore permits;
    private final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Thread writer;
    private final Thread reader;
    private volatile boolean done;

    Connection(int index, Plan plan, LoadStats stats, AtomicReference<Throwable> failure)
        throws IOException {
      this.plan = plan;
      this.stats = stats;
      this.failure = failure;
      this.socket = new Socket(address.getAddress(), address.getPort());
      socket.setTcpNoDelay(true);
      socket.setSendBufferSize(1 << 20);
      socket.setReceiveBufferSize(1 << 20);
      this.permits = new Semaphore(options.inflight());
      this.writer = new Thread(this::write, "load-writer-" + index);
      this.reader = new Thread(this::read, "load-reader-" + index);
    }

    void start() {
      reader.start();
      writer.start();
    }

    boolean join(long millis) throws InterruptedException {
      writer.join(millis);
      if (writer.isAlive()) {
        return false;
      }
      reader.join(millis);
      return !reader.isAlive();
    }

    private void write() {
      byte[][] frames = new byte[fullFrames.length][];
      byte[][] lasts = new byte[fullFrames.length][];
      for (int p = 0; p < frames.length; p++) {
        frames[p] = fullFrames[p].clone();
        lasts[p] = plan.lastFrames()[p] == null ? null : plan.lastFrames()[p].clone();
      }
      int correlationId = 0;
      try {
        OutputStream out = socket.getOutputStream();
        while (true) {
          permits.acquire();
          if (failure.get() != null || System.nanoTime() >= plan.deadlineNanos()) {
            break;
          }
          long i = plan.next().getAndIncrement();
          if (i >= plan.totalBatches()) {
            break;
          }
          int partition = (int) (i % frames.length);
          boolean last = i >= plan.fullBatches();
          byte[] frame = last ? lasts[partition] : frames[partition];
          int records = last ? plan.remainder() : recordsPerBatch;
          correlationId++;
          FrameReader.writeInt(frame, 4, correlationId);
          pending.put(
              correlationId, new Pending(System.nanoTime(), records, partition, frame.length));
          out.write(frame);
        }
        // Wait for the answers to everything sent, then end the reader.
        permits.release();
        permits.acquire(options.inflight());
      } catch (IOException | RuntimeException e) {
        failure.compareAndSet(null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.compareAndSet(null, e);
      } finally {
        done = true;
        close();
      }
    }

    private void read() {
      try {
        FrameReader in = new FrameReader(socket.getInputStream());
        while (true) {
          in.next();
          long now = System.nanoTime();
          Pending sent = pending.remove(in.correlationId());
          if (sent == null) {
            throw new IOException("response with unknown correlation id " + in.correlationId());
          }
          if (in.opcode() != Opcode.PRODUCE_BATCH.code()) {
            throw new IOException("PRODUCE_BATCH answered with " + in.describe());
          }
          // topic str | partition i32 | error_code i16 | base_offset i64 | ...
          byte[] payload = in.payload();
          int at = 2 + (FrameReader.readShort(payload, 0) & 0xFFFF) + 4;
          short error = FrameReader.readShort(payload, at);
          if (error != 0) {
            throw new IOException("PRODUCE_BATCH error " + ErrorCode.fromCode(error));
          }
          long baseOffset = FrameReader.readLong(payload, at + 2);
          if (baseOffset >= 0) {
            endOffsets.accumulateAndGet(sent.partition(), baseOffset + sent.records(), Math::max);
          }
          stats.acknowledged(
              sent.records(),
              (long) sent.records() * options.recordSize(),
              sent.wireBytes(),
              now - sent.sentNanos());
          permits.release();
        }
      } catch (IOException | RuntimeException e) {
        if (!done) {
          failure.compareAndSet(null, e);
          permits.release(options.inflight() + 1);
        }
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a socket we are done with; nothing to report.
      }
    }
  }
}
