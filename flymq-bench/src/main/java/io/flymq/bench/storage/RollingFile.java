package io.flymq.bench.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The plain-file baseline of the append benchmarks: positional {@link FileChannel#write} of whole
 * batches into files of at most {@code segmentBytes}, starting a new file when the next batch does
 * not fit and deleting the oldest once more than {@code keepFiles} exist. This is the file pattern
 * a partition log produces, without offsets, indexes, validation or threads.
 *
 * <p>Old files are unlinked on a thread of their own, as the log removes deleted segments on its
 * scheduler: unlinking a file of a few hundred MiB frees its page cache, which takes milliseconds,
 * and charging that to the write loop would flatter the log.
 *
 * <p>Not thread-safe.
 */
final class RollingFile implements AutoCloseable {
  private final Path dir;
  private final int segmentBytes;
  private final int keepFiles;
  private final boolean forceOnRoll;
  private final ArrayDeque<Path> files = new ArrayDeque<>();
  private final ExecutorService remover =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "rolling-file-remover");
            thread.setDaemon(true);
            return thread;
          });
  private FileChannel channel;
  private long position;
  private int fileCount;

  /**
   * @param forceOnRoll force a full file to disk before starting the next, as a partition log seals
   *     a segment
   */
  RollingFile(Path dir, int segmentBytes, int keepFiles, boolean forceOnRoll) throws IOException {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.keepFiles = keepFiles;
    this.forceOnRoll = forceOnRoll;
    openNext();
  }

  /** Writes the whole batch between position and limit; leaves the buffer's position unchanged. */
  void write(ByteBuffer batch) throws IOException {
    int size = batch.remaining();
    if (position > 0 && position + size > segmentBytes) {
      roll();
    }
    int start = batch.position();
    while (batch.hasRemaining()) {
      position += channel.write(batch, position);
    }
    batch.position(start);
  }

  /** Forces written data to disk, like {@code FileChannel.force(false)} after each append. */
  void force() throws IOException {
    channel.force(false);
  }

  private void roll() throws IOException {
    if (forceOnRoll) {
      channel.force(true);
    }
    channel.close();
    openNext();
    while (files.size() > keepFiles) {
      Path old = files.removeFirst();
      remover.execute(
          () -> {
            try {
              Files.deleteIfExists(old);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  private void openNext() throws IOException {
    Path file = dir.resolve(String.format("%020d.data", fileCount++));
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    files.addLast(file);
    position = 0;
  }

  /** Closes the current file and waits for pending removals. */
  @Override
  public void close() throws IOException {
    channel.close();
    remover.shutdown();
    try {
      if (!remover.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IOException("old files of " + dir + " not removed within a minute");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while removing old files of " + dir, e);
    }
  }
}
