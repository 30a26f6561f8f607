package io.flymq.cli.output;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * One self-overwriting progress line on stderr for long operations ({@code \r}, at most every 250
 * ms), finished by a summary line. Disabled, it prints nothing. Not thread-safe: call it from the
 * thread doing the work.
 */
public final class Progress {
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final PrintStream err;
  private final boolean enabled;
  private final String noun;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private boolean printed;

  /**
   * @param err where to print
   * @param enabled whether to print at all (a terminal, or {@code --progress})
   * @param noun what is counted, plural ("records", "partitions")
   */
  public Progress(PrintStream err, boolean enabled, String noun) {
    this.err = err;
    this.enabled = enabled;
    this.noun = noun;
  }

  /** Reports {@code done} units so far (of {@code total}, or -1 when unknown). */
  public void update(long done, long total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastNanos < INTERVAL_NANOS) {
      return;
    }
    lastNanos = now;
    printed = true;
    err.print("\r" + line(done, total, now));
    err.flush();
  }

  /** Ends the line with the final count, if progress was enabled. */
  public void finish(long done, long total) {
    if (!enabled) {
      return;
    }
    err.print(
        (printed ? "\r" : "") + line(done, total, System.nanoTime()) + System.lineSeparator());
    err.flush();
  }

  private String line(long done, long total, long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    String of = total >= 0 ? " of " + total : "";
    return String.format(
        "%d%s %s in %.1f s (%.0f %s/s)", done, of, noun, seconds, done / seconds, noun);
  }
}
