package io.flymq.server.config;

import java.util.List;

/**
 * The configuration is invalid: carries every problem found, one line each in the form {@code key:
 * value (expected: ...)}, so that an operator fixes them all in one go (STYLE 6).
 *
 * <p>A caller mistake, hence an {@link IllegalArgumentException}. The broker's main prints {@link
 * #getMessage()} (problems, then {@link #hint()}) and exits with {@link #EXIT_CODE}. Thread-safe:
 * immutable.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Exit status for a broker that stops on a bad configuration ({@code EX_CONFIG} of sysexits.h).
   */
  public static final int EXIT_CODE = 78;

  private static final String HINT =
      "fix the keys above; every key, its environment variable and its range "
          + "are listed in docs/configuration.md and by `flymq -help`";

  private final List<String> problems;

  /**
   * @param problems at least one problem, each {@code key: value (expected: ...)}
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  private static String format(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: [] (expected: at least one)");
    }
    StringBuilder text =
        new StringBuilder("invalid configuration (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (String problem : problems) {
      text.append("\n  ").append(problem);
    }
    return text.append("\nhint: ").append(HINT).toString();
  }

  /** Every problem, in the order found: file, environment, flags, then checks across keys. */
  public List<String> problems() {
    return problems;
  }

  /** What to do next (DESIGN 10). */
  public String hint() {
    return HINT;
  }
}
