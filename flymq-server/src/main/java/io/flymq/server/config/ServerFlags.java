package io.flymq.server.config;

import static java.util.Objects.requireNonNull;

import io.flymq.storage.crypto.EncryptionKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's command line, as the public FlyMQ server takes it (shared/protocol/CONFIG-KEYS.md):
 * {@code -config FILE}, {@code -human-readable}, {@code -quiet}, {@code -version}, {@code -help}.
 * Each may be written with one or two dashes; {@code -config=FILE} works too, and a boolean flag
 * may be given as {@code -quiet=false} (Go flag style). {@code -h} is {@code -help}.
 *
 * <p>{@code -human-readable} and {@code -quiet} are configuration overrides at the highest
 * precedence: they set {@code log_json=false} (text log lines instead of JSON) and {@code
 * log_level=warn}. See {@link #overrides()}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param configFile the {@code -config} file, if given
 * @param humanReadable {@code -human-readable}: logs as text lines
 * @param quiet {@code -quiet}: warnings and errors only
 * @param printVersion {@code -version}: print {@link #version()} and exit 0
 * @param printHelp {@code -help}: print {@link #usage()} and exit 0
 */
public record ServerFlags(
    Optional<Path> configFile,
    boolean humanReadable,
    boolean quiet,
    boolean printVersion,
    boolean printHelp) {
  private static final List<String> FLAGS =
      List.of("config", "human-readable", "quiet", "version", "help");
  private static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT (development build)";

  public ServerFlags {
    requireNonNull(configFile, "configFile");
  }

  /** No flags: defaults and environment only. */
  public static ServerFlags none() {
    return new ServerFlags(Optional.empty(), false, false, false, false);
  }

  /**
   * Parses the server's arguments.
   *
   * @throws UsageException (exit code 2) for an unknown flag, a missing or bad value, or a
   *     positional argument; the message is one line with a hint
   */
  public static ServerFlags parse(String... args) {
    requireNonNull(args, "args");
    Optional<Path> config = Optional.empty();
    boolean humanReadable = false;
    boolean quiet = false;
    boolean version = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
        throw new UsageException(
            "unexpected argument: "
                + arg
                + " (expected: flags only; the configuration file goes after -config; run `flymq -help`)");
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? null : body.substring(eq + 1);
      switch (name) {
        case "config" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(
                  "flag needs an argument: -config (expected: -config FILE, a YAML or JSON file)");
            }
            value = args[++i];
          }
          if (value.isBlank()) {
            throw new UsageException("-config: \"\" (expected: a YAML or JSON file name)");
          }
          config = Optional.of(Path.of(value));
        }
        case "human-readable" -> humanReadable = bool(name, value);
        case "quiet" -> quiet = bool(name, value);
        case "version" -> version = bool(name, value);
        case "help", "h" -> help = bool(name, value);
        default ->
            throw new UsageException(
                "flag provided but not defined: -"
                    + name
                    + " ("
                    + ClosestMatch.closest(name, FLAGS)
                        .map(f -> "did you mean -" + f + "? ")
                        .orElse("")
                    + "run `flymq -help` for the flags)");
      }
    }
    return new ServerFlags(config, humanReadable, quiet, version, help);
  }

  private static boolean bool(String name, String value) {
    if (value == null) {
      return true;
    }
    try {
      return ValueType.bool().parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("-" + name + ": " + value + " (expected: true or false)");
    }
  }

  /** The configuration keys the flags set, at the highest precedence. */
  public Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (humanReadable) {
      overrides.put(ConfigKeys.LOG_JSON.name(), "false");
    }
    if (quiet) {
      overrides.put(ConfigKeys.LOG_LEVEL.name(), "warn");
    }
    return Map.copyOf(overrides);
  }

  /** The version: the jar manifest's Implementation-Version, or a development fallback. */
  public static String version() {
    String version = ServerFlags.class.getPackage().getImplementationVersion();
    return version != null ? version : FALLBACK_VERSION;
  }

  /**
   * The {@code -help} text: flags, an example, and the main keys with their variables and defaults.
   */
  public static String usage() {
    StringBuilder text =
        new StringBuilder()
            .append("Usage: flymq [flags]\n\n")
            .append(
                "Starts the FlyMQ broker. Configuration: defaults < file (-config) < FLYMQ_* environment < flags.\n\n")
            .append("Flags (one or two dashes):\n")
            .append("  -config FILE       YAML (.yaml, .yml) or JSON (.json) configuration file\n")
            .append(
                "  -human-readable    write logs as text lines instead of JSON (sets log_json=false)\n")
            .append("  -quiet             log warnings and errors only (sets log_level=warn)\n")
            .append("  -version           print the version and exit\n")
            .append("  -help              print this help and exit\n\n")
            .append("Main keys (file key, environment variable, default):\n");
    int nameWidth = 0;
    int envWidth = EncryptionKey.ENVIRONMENT_VARIABLE.length();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      if (key.isMain()) {
        nameWidth = Math.max(nameWidth, key.name().length());
        envWidth = Math.max(envWidth, key.envVar().orElse("-").length());
      }
    }
    String row = "  %-" + nameWidth + "s  %-" + envWidth + "s  %s%n";
    for (ConfigKey<?> key : ConfigKeys.all()) {
      if (key.isMain()) {
        String unit = key.unit().isEmpty() ? "" : " " + key.unit();
        text.append(
            String.format(row, key.name(), key.envVar().orElse("-"), key.defaultText() + unit));
      }
    }
    text.append(
            String.format(
                row,
                "(environment only)",
                EncryptionKey.ENVIRONMENT_VARIABLE,
                "unset; 64 hex digits, e.g. from `openssl rand -hex 32`"))
        .append("\nExamples:\n")
        .append("  flymq -config /etc/flymq/flymq.yaml\n")
        .append("  FLYMQ_BIND_ADDR=:19092 FLYMQ_DATA_DIR=/var/lib/flymq flymq -human-readable\n\n")
        .append("Every key, its range and meaning: docs/configuration.md\n");
    return text.toString();
  }
}
