package io.flymq.storage.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code recovery-point} file of a partition directory: an offset R such that every segment
 * whose base offset is below R has been forced to disk and sealed. After an unclean shutdown only
 * segments from R on are scanned. Rolled segments are sealed in the background, so R trails the
 * active segment by the seals still in progress.
 *
 * <p>Format: the offset in decimal ASCII followed by a newline. Written atomically (temporary file,
 * fsync, rename, fsync of the directory). A missing or unreadable file reads as 0: scan everything.
 *
 * <p>Not thread-safe; the log writes it from one thread at a time.
 */
final class RecoveryPoint {
  static final String FILE_NAME = "recovery-point";
  private static final Logger log = LoggerFactory.getLogger(RecoveryPoint.class);

  private RecoveryPoint() {}

  static long read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      long offset = Long.parseLong(text);
      return Math.max(0, offset);
    } catch (IOException | NumberFormatException e) {
      log.warn(
          "{}: unreadable {} ({}); every segment will be checked", dir, FILE_NAME, e.toString());
      return 0;
    }
  }

  static void write(Path dir, long offset) throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap((offset + "\n").getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(FILE_NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    SegmentFiles.syncDirectory(dir);
  }
}
