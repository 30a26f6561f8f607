package io.flymq.cli.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CLI's configuration file: named {@link Profile}s and the one in use. Its path is {@code
 * $FLYMQ_CONFIG}, else {@code $HOME/.flymq/config.yaml}.
 *
 * <pre>
 * current_profile: prod
 * profiles:
 *   prod:
 *     addr: broker-1:9092,broker-2:9092
 *     username: ops
 *     password_env: FLYMQ_PROD_PASSWORD
 *     tls: true
 *     tls_ca: /etc/flymq/ca.pem
 * </pre>
 *
 * <p>Writes replace the file atomically and keep it readable by its owner only. Not thread-safe;
 * each CLI run loads it once.
 */
public final class ProfileStore {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final Path path;

  /** A store at {@code path}; the file need not exist. */
  public ProfileStore(Path path) {
    this.path = path;
  }

  /** The store the environment names: {@code FLYMQ_CONFIG}, else {@code HOME/.flymq/}. */
  public static ProfileStore fromEnvironment(Map<String, String> env) {
    String explicit = env.get("FLYMQ_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return new ProfileStore(Path.of(explicit));
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return new ProfileStore(Path.of(home, ".flymq", "config.yaml"));
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  /**
   * The file's content (empty when it does not exist).
   *
   * @throws UncheckedIOException if it exists but cannot be read or parsed
   */
  public Config load() {
    if (!Files.exists(path)) {
      return new Config(null, new TreeMap<>());
    }
    try {
      Config config = YAML.readValue(path.toFile(), Config.class);
      return config == null ? new Config(null, new TreeMap<>()) : config.sorted();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "config file "
              + path
              + " is not valid (expected: YAML with current_profile and profiles)",
          e);
    }
  }

  /** Writes {@code config}, replacing the file. */
  public void save(Config config) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), "config", ".tmp");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      YAML.writeValue(temp.toFile(), config);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write config file " + path, e);
    }
  }

  /**
   * The configuration file's content.
   *
   * @param currentProfile the profile used when none is named, or null
   * @param profiles the profiles by name
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Config(
      @JsonProperty("current_profile") String currentProfile,
      @JsonProperty("profiles") Map<String, Profile> profiles) {

    /** Canonical constructor: a null profile map is empty. */
    public Config {
      profiles = profiles == null ? new TreeMap<>() : profiles;
    }

    /** The named profile. */
    public Optional<Profile> profile(String name) {
      return Optional.ofNullable(profiles.get(name));
    }

    Config sorted() {
      return new Config(currentProfile, new TreeMap<>(profiles));
    }
  }
}
