package io.flymq.cli;

import io.flymq.cli.command.CliContext;
import io.flymq.cli.command.CliException;
import io.flymq.cli.command.CommandFactory;
import io.flymq.cli.command.Interrupts;
import io.flymq.cli.command.RootCommand;
import io.flymq.client.errors.FlyMQException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The CLI's entry point as a library: runs one command line against the given streams and
 * environment and returns its exit code, never calling {@code System.exit}. {@link Main} uses it
 * with the process's streams; tests with their own.
 *
 * <p>Exit codes: 0 ok; 1 an error from the broker or the CLI (stderr: {@code error: ...} and {@code
 * hint: ...}); 2 a usage error (stderr: the problem and where to find help).
 */
public final class Cli {
  /** Exit code of success. */
  public static final int OK = 0;

  /** Exit code of a failed operation. */
  public static final int ERROR = 1;

  /** Exit code of a usage error. */
  public static final int USAGE = 2;

  private Cli() {}

  /** Runs {@code args} with these streams and environment, without a terminal. */
  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, new CliContext(in, out, err, env, new Interrupts(), false));
  }

  /** Runs {@code args} in {@code ctx}; returns the exit code. */
  public static int run(String[] args, CliContext ctx) {
    CommandLine commandLine = commandLine(ctx);
    try {
      return commandLine.execute(args);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  /** The configured picocli command line for {@code ctx} (also used to generate completion). */
  public static CommandLine commandLine(CliContext ctx) {
    CommandLine commandLine = new CommandLine(new RootCommand(ctx), new CommandFactory(ctx));
    commandLine.setOut(new PrintWriter(ctx.out(), true));
    commandLine.setErr(new PrintWriter(ctx.err(), true));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> report(e, cmd.getCommandSpec().qualifiedName(), ctx.err()));
    commandLine.setParameterExceptionHandler(
        (e, args) -> usage(e.getMessage(), e.getCommandLine(), ctx.err()));
    return commandLine;
  }

  private static int usage(String message, CommandLine cmd, PrintStream err) {
    err.println("error: " + message);
    err.println("hint: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    return USAGE;
  }

  private static int report(Exception e, String command, PrintStream err) {
    if (e instanceof ParameterException pe) {
      return usage(pe.getMessage(), pe.getCommandLine(), err);
    }
    if (e instanceof FlyMQException fe) {
      String message = fe.getMessage();
      String suffix = " (" + fe.hint() + ")";
      String what =
          message.endsWith(suffix)
              ? message.substring(0, message.length() - suffix.length())
              : message;
      err.println("error: " + what + " [" + fe.code() + "]");
      err.println("hint: " + fe.hint());
      return ERROR;
    }
    if (e instanceof CliException ce) {
      err.println("error: " + ce.getMessage());
      err.println("hint: " + ce.hint());
      return ERROR;
    }
    if (e instanceof IllegalArgumentException) {
      err.println("error: " + e.getMessage());
      err.println("hint: see '" + command + " --help'");
      return USAGE;
    }
    if (e instanceof UncheckedIOException io) {
      err.println("error: " + io.getMessage() + ": " + io.getCause().getMessage());
      err.println("hint: check the path and its permissions");
      return ERROR;
    }
    err.println("error: " + e);
    err.println("hint: this is unexpected; please report it with the command you ran");
    return ERROR;
  }
}
