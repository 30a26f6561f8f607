package io.flymq.server.config;

/**
 * The command line is wrong (an unknown flag, a missing value). The message is one line that names
 * the problem and the hint; the broker's main prints it and exits with {@link #EXIT_CODE}, as Go's
 * flag package (and so the public FlyMQ server) does. Thread-safe: immutable.
 */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Exit status for a usage error. */
  public static final int EXIT_CODE = 2;

  public UsageException(String message) {
    super(message);
  }

  /** Always {@value #EXIT_CODE}. */
  public int exitCode() {
    return EXIT_CODE;
  }
}
