package io.flymq.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How a configuration value is written and which values are allowed: parses the text form (a file
 * scalar, an environment variable or a flag), checks the range and formats a value back for the
 * docs. Every value is text at this point so that a file, the environment and flags go through the
 * same parser and give the same messages.
 *
 * <p>Thread-safe: immutable.
 *
 * @param <T> the typed value
 */
public final class ValueType<T> {
  private final String expected;
  private final Function<String, T> parser;
  private final Predicate<T> check;
  private final Function<T, String> formatter;

  private ValueType(
      String expected,
      Function<String, T> parser,
      Predicate<T> check,
      Function<T, String> formatter) {
    this.expected = requireNonNull(expected, "expected");
    this.parser = requireNonNull(parser, "parser");
    this.check = requireNonNull(check, "check");
    this.formatter = requireNonNull(formatter, "formatter");
  }

  /** The allowed values in words, as they appear after "expected:" in messages and in the docs. */
  public String expected() {
    return expected;
  }

  /**
   * Parses and range-checks {@code text}.
   *
   * @throws IllegalArgumentException if the text does not parse or is out of range; the message is
   *     {@link #expected()}
   */
  public T parse(String text) {
    requireNonNull(text, "text");
    T value;
    try {
      value = parser.apply(text.strip());
    } catch (IllegalArgumentException e) { // NumberFormatException and InvalidPathException too
      throw new IllegalArgumentException(expected, e);
    }
    if (!accepts(value)) {
      throw new IllegalArgumentException(expected);
    }
    return value;
  }

  /** True if {@code value} is within the allowed range. */
  public boolean accepts(T value) {
    return value != null && check.test(value);
  }

  /**
   * The text form of {@code value} for docs and messages; {@link #parse} reads it back, except that
   * an empty value is shown as {@code ""}.
   */
  public String format(T value) {
    return formatter.apply(value);
  }

  /** true or false; also 1/0, t/f, yes/no in any case, so that shell-style environments work. */
  public static ValueType<Boolean> bool() {
    return new ValueType<>("true or false", ValueType::parseBoolean, b -> true, String::valueOf);
  }

  private static Boolean parseBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "t", "1", "yes" -> Boolean.TRUE;
      case "false", "f", "0", "no" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(text);
    };
  }

  /** A whole number in [min, max]. */
  public static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>(
        "an integer in [" + min + ", " + max + "]",
        Integer::valueOf,
        v -> v >= min && v <= max,
        String::valueOf);
  }

  /** A whole number in [min, max]. */
  public static ValueType<Long> longInteger(long min, long max) {
    return new ValueType<>(
        "an integer in [" + min + ", " + max + "]",
        Long::valueOf,
        v -> v >= min && v <= max,
        String::valueOf);
  }

  /**
   * A limit where 0 and -1 both mean "no limit" (0 because configurations written for FlyMQ 1.26
   * use it that way, -1 because the storage engine does); anything else must be at least 1.
   */
  public static ValueType<Long> limit() {
    return new ValueType<>(
        "-1 or 0 (no limit), or an integer in [1, " + Long.MAX_VALUE + "]",
        Long::valueOf,
        v -> v >= -1,
        String::valueOf);
  }

  /** A whole number in [min, max], or "auto" (read as 0) to let the broker choose. */
  public static ValueType<Integer> autoInteger(int min, int max) {
    return new ValueType<>(
        "auto or 0 (tuned by the broker), or an integer in [" + min + ", " + max + "]",
        text -> text.equalsIgnoreCase("auto") ? 0 : Integer.parseInt(text),
        v -> v == 0 || (v >= min && v <= max),
        v -> v == 0 ? "auto" : String.valueOf(v));
  }

  /** A decimal number in [min, max]. */
  public static ValueType<Double> decimal(double min, double max) {
    return new ValueType<>(
        "a number in [" + min + ", " + max + "]",
        Double::valueOf,
        v -> v >= min && v <= max,
        ValueType::formatDecimal);
  }

  private static String formatDecimal(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Any text, including the empty string. */
  public static ValueType<String> text() {
    return new ValueType<>("any text", Function.identity(), s -> true, ValueType::quoteEmpty);
  }

  /** Text that starts with '/', e.g. an HTTP path. */
  public static ValueType<String> httpPath() {
    return new ValueType<>(
        "a path starting with /", Function.identity(), s -> s.startsWith("/"), s -> s);
  }

  /** A file system path that must not be empty. */
  public static ValueType<Path> path() {
    return new ValueType<>(
        "a file system path", Path::of, p -> !p.toString().isEmpty(), Path::toString);
  }

  /** A file system path, or "" for none. */
  public static ValueType<Optional<Path>> optionalPath() {
    return new ValueType<>(
        "a file system path, or \"\" for none",
        text -> text.isEmpty() ? Optional.empty() : Optional.of(checkedPath(text)),
        p -> true,
        p -> p.map(Path::toString).orElse("\"\""));
  }

  private static Path checkedPath(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A listen address: {@code host:port} or {@code :port}. */
  public static ValueType<ListenAddress> address() {
    return new ValueType<>(
        ListenAddress.FORMAT, ListenAddress::parse, a -> true, ListenAddress::toString);
  }

  /** A listen address, or "" to detect it at start. */
  public static ValueType<Optional<ListenAddress>> optionalAddress() {
    return new ValueType<>(
        ListenAddress.FORMAT + ", or \"\" to detect it",
        text -> text.isEmpty() ? Optional.empty() : Optional.of(ListenAddress.parse(text)),
        a -> a.map(x -> !x.anyHost() && x.port() > 0).orElse(true),
        a -> a.map(ListenAddress::toString).orElse("\"\""));
  }

  /**
   * Comma-separated {@code host:port} addresses of other nodes (a host is required); "" or [] for
   * none.
   */
  public static ValueType<List<ListenAddress>> peerList() {
    return new ValueType<>(
        "a comma-separated list of host:port with port 1-65535",
        ValueType::parsePeers,
        list -> list.stream().allMatch(a -> !a.anyHost() && a.port() > 0),
        list ->
            list.stream().map(ListenAddress::toString).collect(Collectors.joining(",", "[", "]")));
  }

  private static List<ListenAddress> parsePeers(String text) {
    String body =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    List<ListenAddress> peers = new ArrayList<>();
    for (String part : body.split(",")) {
      if (!part.isBlank()) {
        peers.add(ListenAddress.parse(part));
      }
    }
    return List.copyOf(peers);
  }

  /**
   * One of an enum's constants, written in lower case with '-' for '_' (ROUND_ROBIN is
   * "round-robin"); '_' is accepted on input too.
   */
  public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
    E[] constants = type.getEnumConstants();
    List<String> names = new ArrayList<>();
    for (E constant : constants) {
      names.add(configName(constant));
    }
    String expected =
        names.size() == 1
            ? names.get(0)
            : String.join(", ", names.subList(0, names.size() - 1))
                + " or "
                + names.get(names.size() - 1);
    return new ValueType<>(
        expected,
        text -> {
          for (E constant : constants) {
            if (configName(constant).equals(text.toLowerCase(Locale.ROOT).replace('_', '-'))) {
              return constant;
            }
          }
          throw new IllegalArgumentException(text);
        },
        e -> true,
        ValueType::configName);
  }

  /** The configuration spelling of an enum constant. */
  public static String configName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String quoteEmpty(String s) {
    return s.isEmpty() ? "\"\"" : s;
  }
}
