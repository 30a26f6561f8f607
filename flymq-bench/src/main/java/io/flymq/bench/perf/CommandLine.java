package io.flymq.bench.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed command line of {@code --name value} options, in the shapes Kafka's perf tools accept:
 * flags without a value, options with one value ({@code --topic T}), and options with one or more
 * values that run until the next {@code --option} ({@code --command-property a=1 b=2}). A repeated
 * single-value option keeps its last value; a repeated multi-value option collects all of them.
 * Immutable.
 */
final class CommandLine {
  private final Map<String, List<String>> values;

  private CommandLine(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}; option names are given without the leading dashes.
   *
   * @throws IllegalArgumentException for an unknown option, a missing value or a stray argument
   */
  static CommandLine parse(
      String[] args, Set<String> flags, Set<String> single, Set<String> multi) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    int i = 0;
    while (i < args.length) {
      String arg = args[i++];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg + " (expected: --option)");
      }
      String name = arg.substring(2);
      if (flags.contains(name)) {
        values.put(name, List.of());
      } else if (single.contains(name)) {
        if (i >= args.length || args[i].startsWith("--")) {
          throw new IllegalArgumentException(arg + ": missing value");
        }
        values.put(name, List.of(args[i++]));
      } else if (multi.contains(name)) {
        List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
        int before = list.size();
        while (i < args.length && !args[i].startsWith("--")) {
          list.add(args[i++]);
        }
        if (list.size() == before) {
          throw new IllegalArgumentException(arg + ": missing value (expected: one or more)");
        }
      } else {
        Set<String> known = new TreeSet<>(flags);
        known.addAll(single);
        known.addAll(multi);
        throw new IllegalArgumentException(
            "unknown option: " + arg + " (expected one of: --" + String.join(", --", known) + ")");
      }
    }
    return new CommandLine(values);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Optional<String> value(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  /**
   * @throws IllegalArgumentException when the option is missing
   */
  String required(String name) {
    return value(name)
        .orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
  }

  long longValue(String name, long defaultValue) {
    Optional<String> text = value(name);
    return text.isEmpty() ? defaultValue : parseLong(name, text.get());
  }

  static long parseLong(String name, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": " + text + " (expected: an integer)", e);
    }
  }

  static double parseDouble(String name, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": " + text + " (expected: a number)", e);
    }
  }
}
