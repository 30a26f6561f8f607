package io.flymq.bench.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the awk parsers of the shared bench's {@code kafka-perf.sh} (the functions from {@code
 * pp_fields} to {@code parse_kv}, taken from the script itself) on a tool's output, so the tests
 * prove that the script reads our lines. The script is found at {@code ../../shared/bench} from the
 * module, or where {@code -Dflymq.kafkaPerf} points.
 */
final class KafkaPerfParsers {
  private KafkaPerfParsers() {}

  static Path script() {
    String configured = System.getProperty("flymq.kafkaPerf");
    Path path =
        configured != null
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().resolve("../../shared/bench/kafka-perf.sh").normalize();
    return Files.isReadable(path) ? path : null;
  }

  /** The "metric value" lines {@code parser} prints for {@code output}, as a map. */
  static Map<String, String> parse(String parser, String output)
      throws IOException, InterruptedException {
    String program = "eval \"$(sed -n '/^pp_fields()/,/^parse_kv()/p' \"$1\")\"; " + parser;
    Process process =
        new ProcessBuilder("bash", "-c", program, "bash", script().toString())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().write(output.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String result = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(parser + " failed: " + result);
    }
    Map<String, String> metrics = new LinkedHashMap<>();
    for (String line : result.split("\n")) {
      if (!line.isBlank()) {
        String[] kv = line.trim().split(" ", 2);
        metrics.put(kv[0], kv[1]);
      }
    }
    return metrics;
  }
}
