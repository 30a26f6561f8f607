package io.flymq.cli.connection;

import io.flymq.cli.profile.Profile;
import io.flymq.cli.profile.ProfileStore;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides the connection settings: each one from the flag, else the {@code FLYMQ_*} environment
 * variable, else the profile, else the default. The profile is {@code --profile}, else {@code
 * FLYMQ_PROFILE}, else the config file's current one. A profile names the environment variable of
 * its password ({@code password_env}), never the password.
 */
public final class ConnectionResolver {
  private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");
  private static final Set<String> FALSE = Set.of("0", "false", "no", "off", "");

  private final Map<String, String> env;
  private final ProfileStore store;

  /**
   * @param env the environment variables
   * @param store the profiles
   */
  public ConnectionResolver(Map<String, String> env, ProfileStore store) {
    this.env = env;
    this.store = store;
  }

  /**
   * The settings for these flags.
   *
   * @throws IllegalArgumentException for an unknown profile, a bad boolean, or a profile's password
   *     variable that is not set
   */
  public ConnectionSettings resolve(ConnectionOptions flags) {
    String profileName = first(flags.profile, env.get("FLYMQ_PROFILE"));
    ProfileStore.Config config = store.load();
    if (profileName == null) {
      profileName = config.currentProfile();
    }
    Profile profile = null;
    if (profileName != null) {
      String name = profileName;
      profile =
          config
              .profile(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "profile: '"
                              + name
                              + "' is not in "
                              + store.path()
                              + " (expected: one of "
                              + config.profiles().keySet()
                              + "; see 'flymq-cli profile list')"));
    }
    Profile p =
        profile == null ? new Profile(null, null, null, null, null, null, null, null) : profile;
    String tlsCa = first(flags.tlsCa, env.get("FLYMQ_TLS_CA_FILE"), p.tlsCa());
    String tlsCert = first(flags.tlsCert, env.get("FLYMQ_TLS_CERT_FILE"), p.tlsCert());
    String tlsKey = first(flags.tlsKey, env.get("FLYMQ_TLS_KEY_FILE"), p.tlsKey());
    boolean insecure = bool(flags.insecure, "FLYMQ_TLS_INSECURE", p.insecure());
    // A CA, a client certificate or --insecure only make sense with TLS, so they turn it on.
    boolean tls =
        bool(flags.tls, "FLYMQ_TLS", p.tls()) || tlsCa != null || tlsCert != null || insecure;
    return new ConnectionSettings(
        first(flags.addr, env.get("FLYMQ_ADDR"), p.addr(), ConnectionSettings.DEFAULT_ADDR),
        first(flags.username, env.get("FLYMQ_USERNAME"), p.username()),
        password(flags, p, profileName),
        tls,
        tlsCa,
        tlsCert,
        tlsKey,
        insecure,
        profileName);
  }

  private String password(ConnectionOptions flags, Profile profile, String profileName) {
    String password = first(flags.password, env.get("FLYMQ_PASSWORD"));
    if (password != null || profile.passwordEnv() == null) {
      return password;
    }
    String fromProfile = env.get(profile.passwordEnv());
    if (fromProfile == null) {
      throw new IllegalArgumentException(
          "password: profile '"
              + profileName
              + "' reads it from $"
              + profile.passwordEnv()
              + ", which is not set (expected: export "
              + profile.passwordEnv()
              + "=..., or pass --password)");
    }
    return fromProfile;
  }

  private boolean bool(Boolean flag, String envName, Boolean fromProfile) {
    if (flag != null) {
      return flag;
    }
    String value = env.get(envName);
    if (value != null) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (TRUE.contains(v)) {
        return true;
      }
      if (FALSE.contains(v)) {
        return false;
      }
      throw new IllegalArgumentException(
          envName + ": '" + value + "' (expected: true or false, 1 or 0)");
    }
    return fromProfile != null && fromProfile;
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }
}
