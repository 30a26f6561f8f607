package io.flymq.cli.testing;

import io.flymq.cli.Cli;
import io.flymq.cli.command.CliContext;
import io.flymq.cli.command.Interrupts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in this JVM with captured streams and a private environment: {@code FLYMQ_ADDR}
 * points at the test broker and {@code FLYMQ_CONFIG} at a temporary file, so the user's own
 * profiles never leak in.
 */
public final class CliRunner {
  private final Map<String, String> env = new HashMap<>();
  private final Path configFile;

  /** The outcome of one run. */
  public record Result(int exitCode, String out, String err) {}

  /**
   * @param addr the broker address, or null for none
   * @param configFile the profile file to use
   */
  public CliRunner(String addr, Path configFile) {
    this.configFile = configFile;
    if (addr != null) {
      env.put("FLYMQ_ADDR", addr);
    }
    env.put("FLYMQ_CONFIG", configFile.toString());
    env.put("HOME", configFile.getParent().toString());
  }

  /** The profile file this runner uses. */
  public Path configFile() {
    return configFile;
  }

  /** Sets an environment variable for later runs. */
  public CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Runs with empty stdin. */
  public Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  /** Runs with {@code stdin} as standard input. */
  public Result runWithInput(byte[] stdin, String... args) {
    return runWith(new ByteArrayInputStream(stdin), new Interrupts(), args);
  }

  /** Runs with this input and interrupt source (for Ctrl-C tests). */
  public Result runWith(InputStream stdin, Interrupts interrupts, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Cli.run(args, new CliContext(stdin, outStream, errStream, env, interrupts, false));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
