package io.flymq.cli.command;

/**
 * A failure the CLI itself reports (not the broker): what happened and what to do about it. Exit
 * code 1, printed as {@code error: <what>} and {@code hint: <hint>} on stderr.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;

  /**
   * @param what what happened
   * @param hint what to do next
   */
  public CliException(String what, String hint) {
    super(what);
    this.hint = hint;
  }

  /** What to do next. */
  public String hint() {
    return hint;
  }
}
