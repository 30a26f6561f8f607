package io.flymq.bench.broker;

import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.frame.FrameHeader;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.server.network.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * End-to-end produce load against a broker started in this process (default) or a running one
 * ({@code --bootstrap}); {@code bin/flymq-load} runs it, {@link LoadOptions#USAGE} lists the
 * options. Modes:
 *
 * <ul>
 *   <li>{@code batch}: v2 PRODUCE_BATCH, pipelined ({@link BatchLoad});
 *   <li>{@code v1-sync}: v1 PRODUCE, one synchronous round trip at a time ({@link SyncLoad});
 *   <li>{@code echo}: the same loop against a bare Netty server ({@link EchoServer});
 *   <li>{@code v1-vs-echo}: echo, then v1-sync, same count, and the ratio of their round trips/s.
 * </ul>
 *
 * The client runs in the same JVM as an in-process broker and shares its cores: the numbers are for
 * comparing runs on one machine, not absolute capacity.
 */
public final class ProduceLoad {
  private ProduceLoad() {}

  public static void main(String[] args) {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int status = 0;
    try {
      run(options, System.out);
    } catch (Exception e) {
      System.err.println("flymq-load: " + e);
      e.printStackTrace(System.err);
      status = 1;
    }
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs the load {@code options} describe and prints progress and summaries to {@code out}.
   *
   * @return the measured runs, in order (v1-vs-echo: echo, then v1-sync)
   */
  public static List<LoadResult> run(LoadOptions options, PrintStream out) throws Exception {
    String topic =
        options
            .topic()
            .orElseGet(
                () -> "load-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
    List<LoadResult> results = new ArrayList<>();
    LoadOptions.Mode mode = options.mode();
    out.printf(
        Locale.ROOT,
        "flymq-load: mode %s, topic %s, %d partition(s), record %d B, java %s, %d cpus, %s transport%n",
        mode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        topic,
        options.partitions(),
        options.recordSize(),
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Transport.best());
    if (mode == LoadOptions.Mode.ECHO || mode == LoadOptions.Mode.V1_VS_ECHO) {
      try (EchoServer echo = new EchoServer(topic, options.recordSize())) {
        out.println("echo server on " + echo.address());
        results.add(sync("echo", echo.address(), topic, options, false, out));
      }
    }
    if (mode == LoadOptions.Mode.ECHO) {
      return results;
    }
    Optional<InProcessBroker> local = Optional.empty();
    try {
      InetSocketAddress address;
      if (options.bootstrap().isPresent()) {
        address = options.bootstrap().get();
        out.println("broker " + address + " (external)");
      } else {
        local = Optional.of(InProcessBroker.start(options.sync(), options.brokerConfig()));
        address = local.get().address();
        out.println("broker " + address + " (in-process) " + local.get().settings());
      }
      createTopic(address, topic, options.partitions());
      if (mode == LoadOptions.Mode.BATCH) {
        results.add(batch(address, topic, options, out));
      } else {
        results.add(sync("v1-sync", address, topic, options, true, out));
      }
    } finally {
      if (local.isPresent()) {
        local.get().close();
      }
    }
    if (mode == LoadOptions.Mode.V1_VS_ECHO) {
      LoadResult echo = results.get(0);
      LoadResult v1 = results.get(1);
      out.printf(
          Locale.ROOT,
          "== v1-vs-echo ==%nround trips/s  v1 %,.0f  echo %,.0f  ratio v1/echo %.2f (target >= 0.70)%n"
              + "p50 us         v1 %.1f  echo %.1f%n",
          v1.recordsPerSecond(),
          echo.recordsPerSecond(),
          v1.recordsPerSecond() / echo.recordsPerSecond(),
          v1.latencyNanos().getValueAtPercentile(50) / 1000.0,
          echo.latencyNanos().getValueAtPercentile(50) / 1000.0);
    }
    return results;
  }

  private static LoadResult batch(
      InetSocketAddress address, String topic, LoadOptions options, PrintStream out)
      throws IOException, InterruptedException {
    BatchLoad load = new BatchLoad(address, topic, options);
    out.printf(
        Locale.ROOT,
        "batch: %d records of %d B per batch (batch-size %d), %d connection(s) x %d in flight, acks %d%n",
        load.recordsPerBatch(),
        options.recordSize(),
        options.batchSize(),
        options.connections(),
        options.inflight(),
        options.acks());
    if (options.warmupRecords() > 0) {
      out.printf(Locale.ROOT, "warm-up: %,d records%n", options.warmupRecords());
      load.run(options.warmupRecords(), options.duration(), null);
    }
    LoadResult result = load.run(options.numRecords(), options.duration(), out);
    out.print(result.summary());
    return result;
  }

  private static LoadResult sync(
      String name,
      InetSocketAddress address,
      String topic,
      LoadOptions options,
      boolean countOffsets,
      PrintStream out)
      throws IOException {
    try (SyncLoad load =
        new SyncLoad(
            name, address, topic, options.partitions(), options.recordSize(), countOffsets)) {
      if (options.warmupRecords() > 0) {
        out.printf(Locale.ROOT, "%s warm-up: %,d round trips%n", name, options.warmupRecords());
        load.run(options.warmupRecords(), options.duration(), options.reportInterval(), null);
      }
      LoadResult result =
          load.run(options.numRecords(), options.duration(), options.reportInterval(), out);
      out.print(result.summary());
      return result;
    }
  }

  /** Creates {@code topic} with v1 CREATE_TOPIC; an existing topic is fine. */
  static void createTopic(InetSocketAddress address, String topic, int partitions)
      throws IOException {
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(30_000);
      ByteBuffer frame =
          MessageCodec.encodeRequest(
              FrameHeader.V1, 0, 1, new CreateTopicRequest(topic, partitions));
      byte[] bytes = new byte[frame.remaining()];
      frame.get(bytes);
      socket.getOutputStream().write(bytes);
      FrameReader in = new FrameReader(socket.getInputStream());
      in.next();
      if (in.opcode() == Opcode.CREATE_TOPIC.code()) {
        return;
      }
      String answer = in.describe();
      if (!answer.contains("exists")) {
        throw new IOException("CREATE_TOPIC " + topic + ": " + answer);
      }
    }
  }
}
