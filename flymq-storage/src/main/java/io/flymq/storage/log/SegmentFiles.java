package io.flymq.storage.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * Names of the files of a partition directory. A segment's files are named by its base offset,
 * zero-padded to 20 digits so that names sort like offsets: {@code 00000000000000000042.log},
 * {@code .index}, {@code .timeindex}.
 */
final class SegmentFiles {
  static final String LOG_SUFFIX = ".log";
  static final String INDEX_SUFFIX = ".index";
  static final String TIME_INDEX_SUFFIX = ".timeindex";

  /** Suffix of files awaiting removal after the file-delete delay. */
  static final String DELETED_SUFFIX = ".deleted";

  /**
   * Suffix of a compacted copy being written: removed at open (docs/storage-format.md#compaction).
   */
  static final String CLEANED_SUFFIX = ".cleaned";

  /** Suffix of a complete compacted copy being swapped in: completed at open. */
  static final String SWAP_SUFFIX = ".swap";

  /** Present only after a clean close; absent while the log is open or after a crash. */
  static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";

  private SegmentFiles() {}

  static String baseName(long baseOffset) {
    return String.format("%020d", baseOffset);
  }

  static Path log(Path dir, long baseOffset) {
    return dir.resolve(baseName(baseOffset) + LOG_SUFFIX);
  }

  static Path offsetIndex(Path dir, long baseOffset) {
    return dir.resolve(baseName(baseOffset) + INDEX_SUFFIX);
  }

  static Path timeIndex(Path dir, long baseOffset) {
    return dir.resolve(baseName(baseOffset) + TIME_INDEX_SUFFIX);
  }

  /** The log, offset index and time index files of a segment, in that order. */
  static Path[] files(Path dir, long baseOffset) {
    return new Path[] {
      log(dir, baseOffset), offsetIndex(dir, baseOffset), timeIndex(dir, baseOffset)
    };
  }

  static Path withSuffix(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** The base offset of a {@code .log} file name, or empty for any other name. */
  static OptionalLong parseLogFileName(String name) {
    if (!name.endsWith(LOG_SUFFIX) || name.length() != 20 + LOG_SUFFIX.length()) {
      return OptionalLong.empty();
    }
    String digits = name.substring(0, 20);
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        return OptionalLong.empty();
      }
    }
    try {
      return OptionalLong.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Forces a directory entry change (create, rename, delete) to disk. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
