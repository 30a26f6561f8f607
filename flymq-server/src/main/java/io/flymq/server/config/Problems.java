package io.flymq.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration problems so that all of them are reported at once. Not thread-safe: one
 * instance per validation.
 */
final class Problems {
  private final List<String> problems = new ArrayList<>();

  /** Records a problem unless {@code key} accepts {@code value}. */
  <T> Problems check(ConfigKey<T> key, T value) {
    if (!key.type().accepts(value)) {
      problems.add(key.problem(value));
    }
    return this;
  }

  /** Records {@code problem} unless {@code ok}. */
  Problems require(boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
    return this;
  }

  Problems add(String problem) {
    problems.add(problem);
    return this;
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * @throws ConfigException listing every problem, if there is any
   */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
