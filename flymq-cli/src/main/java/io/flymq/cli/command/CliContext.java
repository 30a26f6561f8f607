package io.flymq.cli.command;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch outside itself: its streams, the environment, Ctrl-C and whether stderr
 * is a terminal. {@code Main} passes the process's; tests pass their own, so commands never read
 * {@code System.*} or {@code System.getenv} directly.
 *
 * @param in standard input
 * @param out standard output (data)
 * @param err standard error (errors, hints, progress)
 * @param env the environment variables
 * @param interrupts Ctrl-C delivery
 * @param stderrIsTerminal whether progress lines may be drawn on stderr by default
 */
public record CliContext(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    Interrupts interrupts,
    boolean stderrIsTerminal) {

  /** Canonical constructor: copies the environment. */
  public CliContext {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
    Objects.requireNonNull(interrupts, "interrupts");
  }
}
