package io.flymq.storage.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Child-process body of {@link KillDuringAppendIT}: appends tagged batches from several threads to
 * a log with the sync mode given (default {@code always}) and prints {@code ACK <baseOffset> <tag>}
 * for every append whose future completed, until the parent kills the process with SIGKILL.
 *
 * <p>Arguments: the log directory, the number of appending threads, and optionally the sync mode
 * ({@code always}, {@code interval} or {@code never}).
 */
public final class AppendUntilKilled {
  private AppendUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    SyncMode sync =
        args.length > 2
            ? SyncMode.valueOf(args[2].toUpperCase(java.util.Locale.ROOT))
            : SyncMode.ALWAYS;
    LogConfig config =
        LogConfig.builder()
            .syncMode(sync)
            .segmentBytes(256 * 1024)
            .indexIntervalBytes(1024)
            .build();
    LogIo io = LogIo.create(2, Clock.systemUTC(), Duration.ZERO);
    PartitionLog log = PartitionLog.open(dir, config, io);
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    System.out.println("READY");
    System.out.flush();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                Semaphore window = new Semaphore(4);
                for (int i = 0; ; i++) {
                  String tag = "t" + thread + "n" + i;
                  window.acquireUninterruptibly();
                  log.append(TestBatches.batch(tag, 1 + i % 3, 200, System.currentTimeMillis()))
                      .whenComplete(
                          (result, error) -> {
                            if (error == null) {
                              synchronized (out) {
                                out.println("ACK " + result.baseOffset() + " " + tag);
                                out.flush();
                              }
                            }
                            window.release();
                          });
                }
              });
      worker.setDaemon(true);
      worker.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
