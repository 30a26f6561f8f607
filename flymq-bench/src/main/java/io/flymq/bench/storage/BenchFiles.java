package io.flymq.bench.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories for the storage benchmarks, under {@code java.io.tmpdir}. */
final class BenchFiles {
  private BenchFiles() {}

  static Path createTempDir(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /** Removes {@code dir} and everything in it; a missing directory is fine. */
  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
