package io.flymq.server.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder with mvnw) from the test's working directory. */
final class RepoRoot {
  private RepoRoot() {}

  static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("flymq-server"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
