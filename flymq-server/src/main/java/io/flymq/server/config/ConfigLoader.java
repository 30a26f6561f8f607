package io.flymq.server.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flymq.storage.crypto.EncryptionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads the broker configuration (DESIGN 9): defaults &lt; file (YAML or JSON) &lt; {@code FLYMQ_*}
 * environment &lt; command-line flags. Every problem in every source is collected and reported in
 * one {@link ConfigException}, each as {@code key: value (expected: ...)} followed by where the
 * value came from.
 *
 * <ul>
 *   <li>File: YAML for {@code .yaml}/{@code .yml}, JSON for {@code .json}, otherwise JSON when the
 *       text starts with '{' and YAML else. Nested objects map to dotted keys ({@code tls:
 *       {enabled: true}} is {@code tls.enabled}); dotted names in the file work too.
 *   <li>Unknown keys in the file, in flags, and {@code FLYMQ_*} variables that look like
 *       configuration (they share a first word with a known variable, or are two edits from one)
 *       are errors with a "did you mean" hint. Other {@code FLYMQ_*} variables (e.g. {@code
 *       FLYMQ_BENCH_CACHE}, used by scripts) are left alone.
 *   <li>The encryption key comes from {@code FLYMQ_ENCRYPTION_KEY} only; a key in the file is an
 *       error (the file ends up in backups and version control). Setting the variable turns
 *       encryption on unless {@code encryption.enabled} is explicitly false; the key is kept either
 *       way, since existing encrypted segments still need it to be read.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class ConfigLoader {
  static final List<String> KEY_NAMES = ConfigKeys.all().stream().map(ConfigKey::name).toList();
  static final List<String> ENV_NAMES =
      ConfigKeys.all().stream().flatMap(k -> k.envVar().stream()).toList();
  private static final String ENV_PREFIX = "FLYMQ_";

  /** First words of the known variables ("TLS", "CLUSTER", ...): a FLYMQ_TLS_* typo is config. */
  private static final Set<String> ENV_WORDS =
      ENV_NAMES.stream().map(ConfigLoader::firstWord).collect(Collectors.toUnmodifiableSet());

  private ConfigLoader() {}

  /** Where a value came from, for messages. */
  private record Setting(String text, String source) {}

  /**
   * Loads the configuration the way the broker's main does: the file named by {@code -config} (if
   * any), then {@code env}, then the flags ({@code -human-readable} sets {@code log_json=false},
   * {@code -quiet} sets {@code log_level=warn}).
   *
   * @param env the process environment; pass {@code System.getenv()}, or a map in tests
   * @throws ConfigException listing every problem found
   */
  public static ServerConfig load(ServerFlags flags, Map<String, String> env) {
    requireNonNull(flags, "flags");
    return load(flags.configFile(), env, flags.overrides());
  }

  /**
   * Loads from an optional file, an environment and overrides by key name (highest precedence).
   *
   * @param overrides key name to text value, e.g. {@code "log_level" -> "warn"}
   * @throws ConfigException listing every problem found
   */
  public static ServerConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    requireNonNull(file, "file");
    requireNonNull(env, "env");
    requireNonNull(overrides, "overrides");
    Problems problems = new Problems();
    Map<ConfigKey<?>, Setting> settings = new LinkedHashMap<>();
    file.ifPresent(f -> readFile(f, settings, problems));
    readEnvironment(env, settings, problems);
    overrides.forEach(
        (name, text) -> {
          Optional<ConfigKey<?>> key = ConfigKeys.byName(name);
          if (key.isPresent()) {
            settings.put(key.get(), new Setting(text, "command line"));
          } else {
            problems.add(
                name
                    + ": "
                    + text
                    + " (expected: a known key; "
                    + ClosestMatch.hint(name, KEY_NAMES)
                    + ") [command line]");
          }
        });

    Map<ConfigKey<?>, Object> values = new HashMap<>();
    settings.forEach(
        (key, setting) -> {
          try {
            values.put(key, key.parse(setting.text()));
          } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " [" + setting.source() + "]");
          }
        });
    Optional<EncryptionKey> encryptionKey = Optional.empty();
    try {
      encryptionKey = EncryptionKey.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage()); // names the variable and the length, never the key
    }
    return resolve(values, encryptionKey, problems);
  }

  /** Defaults overlaid with typed {@code values}; for {@link ServerConfig.Builder}. */
  static ServerConfig resolve(
      Map<ConfigKey<?>, Object> values, Optional<EncryptionKey> encryptionKey) {
    Problems problems = new Problems();
    values.forEach((key, value) -> checkRange(key, value, problems));
    return resolve(values, encryptionKey, problems);
  }

  private static <T> void checkRange(ConfigKey<T> key, Object value, Problems problems) {
    // The builder's set(ConfigKey<T>, T) guarantees the type; the cast only re-establishes it.
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    problems.check(key, typed);
  }

  private static ServerConfig resolve(
      Map<ConfigKey<?>, Object> values, Optional<EncryptionKey> encryptionKey, Problems problems) {
    ConfigValues resolved =
        new ConfigValues() {
          @Override
          @SuppressWarnings(
              "unchecked") // values only ever holds a key's own type, parsed or checked above
          public <T> T get(ConfigKey<T> key) {
            return values.containsKey(key) ? (T) values.get(key) : key.defaultValue();
          }

          @Override
          public boolean isSet(ConfigKey<?> key) {
            return values.containsKey(key);
          }
        };
    CrossChecks.check(resolved, encryptionKey, problems);
    problems.throwIfAny();
    boolean encrypt =
        resolved.isSet(ConfigKeys.ENCRYPTION_ENABLED)
            ? resolved.get(ConfigKeys.ENCRYPTION_ENABLED)
            : encryptionKey.isPresent();
    return ServerConfig.from(resolved).withEncryption(encrypt, encryptionKey);
  }

  // --- file ---

  private static void readFile(Path file, Map<ConfigKey<?>, Setting> settings, Problems problems) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      problems.add("-config: " + file + " (expected: a readable YAML or JSON file; " + e + ")");
      return;
    }
    boolean json = isJson(file, text);
    ObjectMapper mapper = json ? new ObjectMapper() : new YAMLMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JacksonException e) {
      problems.add(
          "-config: "
              + file
              + " (expected: valid "
              + (json ? "JSON" : "YAML")
              + "; "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ")");
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return; // an empty file sets nothing
    }
    if (!root.isObject()) {
      problems.add(
          "-config: "
              + file
              + " (expected: a "
              + (json ? "JSON" : "YAML")
              + " object of keys at the top)");
      return;
    }
    String source = file.getFileName().toString();
    Map<String, JsonNode> leaves = new TreeMap<>();
    flatten("", root, leaves);
    leaves.forEach(
        (name, node) -> {
          Optional<ConfigKey<?>> key = ConfigKeys.byName(name);
          if (key.isPresent()) {
            settings.put(key.get(), new Setting(leafText(node), source));
          } else if (isEncryptionKeyName(name)) {
            // Never echo the value: it is a secret that should not have been written down at all.
            problems.add(
                name
                    + ": <not shown> (expected: no encryption key in a configuration file; set the "
                    + EncryptionKey.ENVIRONMENT_VARIABLE
                    + " environment variable to 64 hex digits instead) ["
                    + source
                    + "]");
          } else {
            problems.add(
                name
                    + ": "
                    + leafText(node)
                    + " (expected: a known key; "
                    + ClosestMatch.hint(name, KEY_NAMES)
                    + ") ["
                    + source
                    + "]");
          }
        });
  }

  private static boolean isJson(Path file, String text) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return true;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return false;
    }
    return text.stripLeading().startsWith("{");
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
    if (node.isObject() && (prefix.isEmpty() || ConfigKeys.byName(prefix).isEmpty())) {
      node.properties()
          .forEach(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      leaves));
    } else if (!(node.isNull() && isSection(prefix))) { // "tls:" with nothing under it sets nothing
      leaves.put(prefix, node);
    }
  }

  private static boolean isSection(String prefix) {
    return KEY_NAMES.stream().anyMatch(n -> n.startsWith(prefix + "."));
  }

  private static String leafText(JsonNode node) {
    if (node.isNull()) {
      return "";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(item.asText()));
      return "[" + String.join(",", items) + "]";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** encryption.key, encryption_key, encryption.master_key, ...: anything that is the key. */
  static boolean isEncryptionKeyName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("encryption_key")
        || (lower.startsWith("encryption.") && lower.contains("key"));
  }

  // --- environment ---

  private static void readEnvironment(
      Map<String, String> env, Map<ConfigKey<?>, Setting> settings, Problems problems) {
    new TreeMap<>(env)
        .forEach(
            (name, value) -> {
              if (!name.startsWith(ENV_PREFIX) || name.equals(EncryptionKey.ENVIRONMENT_VARIABLE)) {
                return;
              }
              Optional<ConfigKey<?>> key = ConfigKeys.byEnvVar(name);
              if (key.isPresent()) {
                settings.put(key.get(), new Setting(value, name));
              } else if (looksLikeConfig(name)) {
                problems.add(
                    name
                        + ": "
                        + value
                        + " (expected: a known FLYMQ_* variable; "
                        + ClosestMatch.hint(name, ENV_NAMES)
                        + ") [environment]");
              }
            });
  }

  private static boolean looksLikeConfig(String name) {
    if (ENV_WORDS.contains(firstWord(name))) {
      return true;
    }
    return ENV_NAMES.stream().anyMatch(known -> ClosestMatch.distance(name, known) <= 2);
  }

  private static String firstWord(String envVar) {
    String rest = envVar.substring(ENV_PREFIX.length());
    int underscore = rest.indexOf('_');
    return underscore < 0 ? rest : rest.substring(0, underscore);
  }
}
