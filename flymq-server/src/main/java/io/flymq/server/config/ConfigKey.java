package io.flymq.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The definition of one configuration key: its dotted name, its environment variable, its type and
 * range, its default, its unit and what it means. {@code docs/configuration.md}, the {@code -help}
 * text and every error message are generated from these definitions (STYLE 6), so they cannot drift
 * apart.
 *
 * <p>Thread-safe: immutable.
 *
 * @param <T> the typed value
 */
public final class ConfigKey<T> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final Pattern ENV = Pattern.compile("FLYMQ_[A-Z0-9_]+");

  private final String name;
  private final String envVar;
  private final ValueType<T> type;
  private final T defaultValue;
  private final String defaultText;
  private final String unit;
  private final String doc;
  private final boolean main;
  private final boolean jvmOnly;

  private ConfigKey(
      String name,
      String envVar,
      ValueType<T> type,
      T defaultValue,
      String defaultText,
      String unit,
      String doc,
      boolean main,
      boolean jvmOnly) {
    this.name = requireNonNull(name, "name");
    this.type = requireNonNull(type, "type");
    this.defaultValue = requireNonNull(defaultValue, "defaultValue");
    this.unit = requireNonNull(unit, "unit");
    this.doc = requireNonNull(doc, "doc");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: " + name + " (expected: dotted snake_case)");
    }
    if (envVar != null && !ENV.matcher(envVar).matches()) {
      throw new IllegalArgumentException(
          "envVar: " + envVar + " (expected: FLYMQ_ and upper-case letters)");
    }
    if (!type.accepts(defaultValue)) {
      throw new IllegalArgumentException(
          name + " default: " + defaultValue + " (expected: " + type.expected() + ")");
    }
    this.envVar = envVar;
    this.defaultText = defaultText != null ? defaultText : type.format(defaultValue);
    this.main = main;
    this.jvmOnly = jvmOnly;
  }

  /** Starts a definition; {@code envVar} null means the key has no environment variable. */
  static <T> ConfigKey<T> of(
      String name, String envVar, ValueType<T> type, T defaultValue, String unit, String doc) {
    return new ConfigKey<>(name, envVar, type, defaultValue, null, unit, doc, false, false);
  }

  /**
   * A copy whose default is computed at load time from other keys, described by {@code text} (e.g.
   * {@code <data_dir>/audit}); {@link #defaultValue()} is then only the placeholder.
   */
  ConfigKey<T> derivedDefault(String text) {
    return new ConfigKey<>(
        name, envVar, type, defaultValue, requireNonNull(text, "text"), unit, doc, main, jvmOnly);
  }

  /** A copy listed among the main keys in {@code -help}. */
  ConfigKey<T> main() {
    return new ConfigKey<>(name, envVar, type, defaultValue, defaultText, unit, doc, true, jvmOnly);
  }

  /** A copy marked as FlyMQ-JVM's own: the public FlyMQ 1.26 server has no such key. */
  ConfigKey<T> jvmOnly() {
    return new ConfigKey<>(name, envVar, type, defaultValue, defaultText, unit, doc, main, true);
  }

  /**
   * Dotted snake_case name, the path of the value in a YAML or JSON file, e.g. {@code
   * tls.cert_file}.
   */
  public String name() {
    return name;
  }

  /**
   * The environment variable that sets the key, e.g. {@code FLYMQ_TLS_CERT_FILE}; empty for
   * file-only keys.
   */
  public Optional<String> envVar() {
    return Optional.ofNullable(envVar);
  }

  public ValueType<T> type() {
    return type;
  }

  /** The typed default, or the placeholder of a {@linkplain #derivedDefault derived} default. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as documented: the formatted value, or the rule of a derived default. */
  public String defaultText() {
    return defaultText;
  }

  /** The unit of a quantity (ms, bytes, ...), or "" for values without one. */
  public String unit() {
    return unit;
  }

  /** One or two sentences: what the key does. */
  public String doc() {
    return doc;
  }

  /** True for the keys worth listing in {@code -help}. */
  public boolean isMain() {
    return main;
  }

  /** True for FlyMQ-JVM's own keys, false for those of the public FlyMQ 1.26 server. */
  public boolean isJvmOnly() {
    return jvmOnly;
  }

  /** The Java constant name, e.g. {@code TLS_CERT_FILE}, as in {@link ConfigKeys}. */
  public String constantName() {
    return name.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Parses a value for this key.
   *
   * @throws IllegalArgumentException with the message {@code key: value (expected: ...)}
   */
  public T parse(String text) {
    try {
      return type.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem(text), e);
    }
  }

  /** {@code name: value (expected: ...)}, the one form every configuration message takes. */
  String problem(Object value) {
    String shown = "".equals(value) ? "\"\"" : String.valueOf(value);
    return name + ": " + shown + " (expected: " + type.expected() + ")";
  }

  @Override
  public String toString() {
    return name;
  }
}
