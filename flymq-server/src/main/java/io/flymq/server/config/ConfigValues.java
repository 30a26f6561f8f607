package io.flymq.server.config;

/**
 * The resolved, typed value of every key, as {@link ServerConfig} binds them into its record tree.
 * Implementations are read-only views; not required to be thread-safe.
 */
interface ConfigValues {
  /** The value of {@code key}: from the highest-precedence source that set it, else the default. */
  <T> T get(ConfigKey<T> key);

  /**
   * True if a file, the environment, a flag or a builder set {@code key}; false for its default.
   */
  boolean isSet(ConfigKey<?> key);
}
