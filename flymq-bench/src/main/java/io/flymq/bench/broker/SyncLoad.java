package io.flymq.bench.broker;

import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.core.ProduceRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * v1 PRODUCE, one message per synchronous round trip on one connection: write the request frame,
 * read the response frame, repeat. The same loop drives the broker ({@code v1-sync}) and the bare
 * Netty server of {@link EchoServer} ({@code echo}), so their ratio isolates the broker's cost.
 * Request frames are encoded once per partition; partitions are used round robin (explicit
 * partition field). Not thread-safe.
 */
final class SyncLoad implements AutoCloseable {
  private final String name;
  private final int recordSize;
  private final byte[][] frames;
  private final long[] endOffsets;
  private final boolean countOffsets;
  private final Socket socket;
  private final OutputStream out;
  private final FrameReader in;

  /**
   * @param countOffsets whether the responses carry real offsets (false for the echo server)
   */
  SyncLoad(
      String name,
      InetSocketAddress address,
      String topic,
      int partitions,
      int recordSize,
      boolean countOffsets)
      throws IOException {
    this.name = name;
    this.recordSize = recordSize;
    this.countOffsets = countOffsets;
    this.frames = new byte[partitions][];
    byte[] value = new byte[recordSize];
    new SplittableRandom(1).nextBytes(value);
    for (int p = 0; p < partitions; p++) {
      frames[p] = requestFrame(topic, p, value);
    }
    this.endOffsets = new long[partitions];
    this.socket = new Socket(address.getAddress(), address.getPort());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    this.out = socket.getOutputStream();
    this.in = new FrameReader(socket.getInputStream());
  }

  /** The v1 PRODUCE request frame: no key, {@code value}, explicit partition. */
  static byte[] requestFrame(String topic, int partition, byte[] value) {
    ByteBuffer frame =
        MessageCodec.encodeRequest(
            FrameHeader.V1,
            0,
            1,
            new ProduceRequest(topic, ByteBuffer.allocate(0), ByteBuffer.wrap(value), partition));
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);
    return bytes;
  }

  /**
   * Runs {@code roundTrips} round trips, or for {@code duration} when it is 0; prints progress to
   * {@code progress} (null: none).
   */
  LoadResult run(long roundTrips, Duration duration, Duration reportInterval, PrintStream progress)
      throws IOException {
    long before = endOffsetSum();
    LoadStats stats = new LoadStats();
    long deadline = roundTrips > 0 ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    long limit = roundTrips > 0 ? roundTrips : Long.MAX_VALUE;
    long reportNanos = reportInterval.toNanos();
    long nextReport = System.nanoTime() + reportNanos;
    int partitions = frames.length;
    for (long i = 0; i < limit; i++) {
      int partition = (int) (i % partitions);
      byte[] frame = frames[partition];
      long start = System.nanoTime();
      out.write(frame);
      in.next();
      long end = System.nanoTime();
      if (in.opcode() != Opcode.PRODUCE.code()) {
        throw new IOException(name + ": PRODUCE answered with " + in.describe());
      }
      if (countOffsets) {
        // RecordMetadata: topic str | partition i32 | offset u64 | ...
        byte[] payload = in.payload();
        int at = 2 + (FrameReader.readShort(payload, 0) & 0xFFFF);
        int answered = FrameReader.readInt(payload, at);
        long offset = FrameReader.readLong(payload, at + 4);
        if (answered >= 0 && answered < partitions) {
          endOffsets[answered] = Math.max(endOffsets[answered], offset + 1);
        }
      }
      stats.acknowledged(1, recordSize, frame.length, end - start);
      if (end >= nextReport) {
        if (progress != null) {
          stats.report(progress, name);
        }
        nextReport += reportNanos;
      }
      if (end >= deadline) {
        break;
      }
    }
    return stats.finish(name, countOffsets ? endOffsetSum() - before : -1);
  }

  private long endOffsetSum() {
    long sum = 0;
    for (long end : endOffsets) {
      sum += end;
    }
    return sum;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
