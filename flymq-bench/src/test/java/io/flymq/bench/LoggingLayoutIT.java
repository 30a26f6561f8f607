package io.flymq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback.xml in a real JVM: the text layout prints readable lines, the JSON layout one
 * JSON object per event, both chosen by a system property.
 */
class LoggingLayoutIT {

  /** Logs one INFO line and one WARN line with an exception; run as a child JVM. */
  public static final class LogTwoLines {
    public static void main(String[] args) {
      org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.flymq.test");
      log.info("hello \"operator\"");
      log.warn("disk slow", new IllegalStateException("boom"));
    }
  }

  private static String runWithFormat(String format) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Dflymq.log.format=" + format,
                "-cp",
                System.getProperty("java.class.path"),
                LogTwoLines.class.getName())
            .start();
    byte[] err = child.getErrorStream().readAllBytes();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(err, StandardCharsets.UTF_8);
  }

  @Test
  void shouldPrintHumanReadableLinesWithTheTextLayout() throws Exception {
    String out = runWithFormat("text");

    assertThat(out)
        .contains("INFO  [main] io.flymq.test - hello \"operator\"")
        .contains("WARN  [main] io.flymq.test - disk slow")
        .contains("java.lang.IllegalStateException: boom");
  }

  @Test
  void shouldPrintOneJsonObjectPerEventWithTheJsonLayout() throws Exception {
    List<String> lines = runWithFormat("json").lines().filter(l -> !l.isBlank()).toList();

    assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    assertThat(lines.get(0))
        .contains("\"level\":\"INFO\"")
        .contains("\"loggerName\":\"io.flymq.test\"")
        .contains("\"message\":\"hello \\\"operator\\\"\"");
    assertThat(lines.get(1))
        .contains("\"level\":\"WARN\"")
        .contains("IllegalStateException")
        .contains("boom");
  }
}
