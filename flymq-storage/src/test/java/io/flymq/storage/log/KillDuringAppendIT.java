package io.flymq.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process appending is killed with SIGKILL; after reopening, every append whose future had
 * completed (the child printed its ACK) is in the log at its offset. With {@code sync=always}
 * because each was forced; with {@code sync=never} because a process kill leaves the page cache
 * intact, and recovery scans every sealed segment whose deferred force had not happened yet.
 */
class KillDuringAppendIT {
  @TempDir Path dir;

  @Test
  void shouldLoseNoAcknowledgedAppendWhenTheProcessIsKilled() throws Exception {
    for (int round = 0; round < 3; round++) {
      Map<Long, String> acknowledged = runChildAndKill(dir, 150 + round * 150, "always");
      assertAllPresent(acknowledged);
    }
  }

  @Test
  void shouldRecoverUnforcedSealedSegmentsWhenAProcessUnderSyncNeverIsKilled() throws Exception {
    // Enough appends to roll several 256 KiB segments, all within the 30 s seal force delay.
    Map<Long, String> acknowledged = runChildAndKill(dir, 3000, "never");
    long lastBase;
    try (var files = java.nio.file.Files.list(dir)) {
      lastBase =
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> name.endsWith(".log"))
              .mapToLong(name -> Long.parseLong(name.substring(0, 20)))
              .max()
              .orElseThrow();
    }
    // The sealed segments were never forced, so the recovery point did not pass them: reopening
    // must scan them, and find every acknowledged append there.
    assertThat(lastBase).isPositive();
    assertThat(RecoveryPoint.read(dir)).isLessThan(lastBase);
    assertAllPresent(acknowledged);
  }

  private void assertAllPresent(Map<Long, String> acknowledged) throws IOException {
    assertThat(acknowledged).isNotEmpty();
    Map<Long, String> firstRecordByOffset = readFirstRecordOfEachBatch(dir);
    for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
      assertThat(firstRecordByOffset.get(ack.getKey()))
          .as("acknowledged batch %s at offset %d", ack.getValue(), ack.getKey())
          .startsWith(ack.getValue() + "-0-");
    }
  }

  /**
   * Starts the child with the sync mode given, lets it acknowledge {@code acks} appends, kills it;
   * returns offset -> tag.
   */
  private static Map<Long, String> runChildAndKill(Path dir, int acks, String sync)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            AppendUntilKilled.class.getName(),
            dir.toString(),
            "8",
            sync);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process child = builder.start();
    Map<Long, String> acknowledged = new HashMap<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          String[] parts = line.split(" ");
          acknowledged.put(Long.parseLong(parts[1]), parts[2]);
          if (acknowledged.size() >= acks) {
            // SIGKILL through the handle (Process.destroyForcibly would also close our end of the
            // pipe): no shutdown hooks, no close, no clean-shutdown marker.
            child.toHandle().destroyForcibly();
            break;
          }
        }
      }
      // Lines already printed before the kill still count: they were acknowledged.
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          String[] parts = line.split(" ");
          acknowledged.put(Long.parseLong(parts[1]), parts[2]);
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    return acknowledged;
  }

  private static Map<Long, String> readFirstRecordOfEachBatch(Path dir) throws IOException {
    Map<Long, String> result = new HashMap<>();
    try (LogIo io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO);
        PartitionLog log = PartitionLog.open(dir, LogConfig.defaults(), io)) {
      long offset = log.logStartOffset();
      while (offset < log.logEndOffset()) {
        LogSlice slice = log.read(offset, 64 * 1024);
        List<String> records = TestBatches.decode(slice.readAll());
        for (String record : records) {
          int colon = record.indexOf(':');
          result.put(Long.parseLong(record.substring(0, colon)), record.substring(colon + 1));
        }
        offset = slice.nextOffset();
      }
    }
    return result;
  }
}
