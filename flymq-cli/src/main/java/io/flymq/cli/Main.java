package io.flymq.cli;

import io.flymq.cli.command.CliContext;
import io.flymq.cli.command.Interrupts;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code flymq-cli} as a program: runs {@link Cli} with the process's streams and environment and
 * exits with its code. Ctrl-C runs the command's interrupt handlers (a consumer commits and stops)
 * and then exits with the command's own code, so a clean stop is exit 0.
 */
public final class Main {
  private static final long STOP_WAIT_SECONDS = 15;

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // stdout is buffered: consume writes many small records; commands flush at natural points.
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    Interrupts interrupts = new Interrupts();
    CountDownLatch finished = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger(Cli.ERROR);
    Thread hook = new Thread(() -> stop(interrupts, finished, exitCode, out), "flymq-cli-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean stderrIsTerminal = Boolean.getBoolean("flymq.cli.stderrIsTerminal");
    CliContext ctx =
        new CliContext(System.in, out, System.err, System.getenv(), interrupts, stderrIsTerminal);
    int code = Cli.run(args, ctx);
    out.flush();
    exitCode.set(code);
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return; // Ctrl-C arrived: the hook is waiting for this run and exits with its code
    }
    System.exit(code);
  }

  private static void stop(
      Interrupts interrupts, CountDownLatch finished, AtomicInteger exitCode, PrintStream out) {
    if (interrupts.fire() == 0) {
      out.flush();
      return; // nothing stops cleanly: the JVM exits as interrupted (130)
    }
    try {
      if (finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        out.flush();
        System.err.flush();
        // halt, not exit: we are in a shutdown hook, and exit would block; the code is the run's
        // own.
        Runtime.getRuntime().halt(exitCode.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
