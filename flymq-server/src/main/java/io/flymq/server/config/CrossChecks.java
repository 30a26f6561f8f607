package io.flymq.server.config;

import static io.flymq.server.config.ConfigKeys.*;

import io.flymq.storage.crypto.EncryptionKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rules that involve more than one key (a TLS listener needs its certificate, a heartbeat must be
 * shorter than the election timeout, two listeners cannot share a port). Each broken rule is
 * reported on the key to change, as {@code key: value (expected: ...)}. Thread-safe: stateless.
 */
final class CrossChecks {
  private CrossChecks() {}

  static void check(ConfigValues v, Optional<EncryptionKey> encryptionKey, Problems problems) {
    tls(v, problems);
    if (v.get(ENCRYPTION_ENABLED) && encryptionKey.isEmpty()) {
      problems.add(
          "encryption.enabled: true (expected: false, or the key in the "
              + EncryptionKey.ENVIRONMENT_VARIABLE
              + " environment variable, 64 hex digits; generate one with `openssl rand -hex 32`)");
    }
    int heartbeat = v.get(CLUSTER_HEARTBEAT_INTERVAL_MS);
    int election = v.get(CLUSTER_ELECTION_TIMEOUT_MS);
    problems.require(
        heartbeat < election,
        CLUSTER_HEARTBEAT_INTERVAL_MS.name()
            + ": "
            + heartbeat
            + " (expected: less than "
            + CLUSTER_ELECTION_TIMEOUT_MS.name()
            + " = "
            + election
            + ")");
    problems.require(
        !v.get(OBSERVABILITY_TRACING_ENABLED) || !v.get(OBSERVABILITY_TRACING_ENDPOINT).isBlank(),
        OBSERVABILITY_TRACING_ENDPOINT.name()
            + ": \"\" (expected: an OTLP endpoint when "
            + OBSERVABILITY_TRACING_ENABLED.name()
            + " is true)");
    ports(v, problems);
  }

  private static void tls(ConfigValues v, Problems problems) {
    needs(v, problems, TLS_ENABLED, TLS_CERT_FILE, TLS_KEY_FILE);
    needs(v, problems, TLS_CLIENT_AUTH, TLS_CA_FILE);
    needs(v, problems, GRPC_TLS_ENABLED, GRPC_TLS_CERT_FILE, GRPC_TLS_KEY_FILE);
    needs(v, problems, WS_TLS_ENABLED, WS_TLS_CERT_FILE, WS_TLS_KEY_FILE);
    needs(v, problems, MQTT_TLS_ENABLED, MQTT_TLS_CERT_FILE, MQTT_TLS_KEY_FILE);
    // Health and admin may generate a certificate, or (health) borrow the admin one.
    if (!v.get(OBSERVABILITY_HEALTH_TLS_AUTO_GENERATE)
        && !v.get(OBSERVABILITY_HEALTH_TLS_USE_ADMIN_CERT)) {
      needs(
          v,
          problems,
          OBSERVABILITY_HEALTH_TLS_ENABLED,
          OBSERVABILITY_HEALTH_TLS_CERT_FILE,
          OBSERVABILITY_HEALTH_TLS_KEY_FILE);
    }
    if (!v.get(OBSERVABILITY_ADMIN_TLS_AUTO_GENERATE)) {
      needs(
          v,
          problems,
          OBSERVABILITY_ADMIN_TLS_ENABLED,
          OBSERVABILITY_ADMIN_TLS_CERT_FILE,
          OBSERVABILITY_ADMIN_TLS_KEY_FILE);
    }
  }

  @SafeVarargs
  private static void needs(
      ConfigValues v,
      Problems problems,
      ConfigKey<Boolean> when,
      ConfigKey<Optional<Path>>... files) {
    if (!v.get(when)) {
      return;
    }
    for (ConfigKey<Optional<Path>> file : files) {
      problems.require(
          v.get(file).isPresent(),
          file.name() + ": \"\" (expected: a file when " + when.name() + " is true)");
    }
  }

  /**
   * Two enabled listeners on one fixed port would fail at bind time; say so now, naming both keys.
   */
  private static void ports(ConfigValues v, Problems problems) {
    Map<ConfigKey<ListenAddress>, Boolean> listeners = new LinkedHashMap<>();
    listeners.put(BIND_ADDR, true);
    listeners.put(CLUSTER_ADDR, v.get(CLUSTER_ENABLED));
    listeners.put(OBSERVABILITY_METRICS_ADDR, v.get(OBSERVABILITY_METRICS_ENABLED));
    listeners.put(OBSERVABILITY_HEALTH_ADDR, v.get(OBSERVABILITY_HEALTH_ENABLED));
    listeners.put(OBSERVABILITY_ADMIN_ADDR, v.get(OBSERVABILITY_ADMIN_ENABLED));
    listeners.put(GRPC_ADDR, v.get(GRPC_ENABLED));
    listeners.put(WS_ADDR, v.get(WS_ENABLED));
    listeners.put(MQTT_ADDR, v.get(MQTT_ENABLED));
    Map<Integer, ConfigKey<ListenAddress>> byPort = new LinkedHashMap<>();
    listeners.forEach(
        (key, enabled) -> {
          ListenAddress address = v.get(key);
          if (!enabled || address.port() == 0) {
            return; // port 0 picks a free port, so it never clashes
          }
          ConfigKey<ListenAddress> other = byPort.get(address.port());
          if (other != null && clashes(address, v.get(other))) {
            problems.add(
                key.name()
                    + ": "
                    + address
                    + " (expected: a port no other listener uses; "
                    + other.name()
                    + " = "
                    + v.get(other)
                    + ")");
          } else {
            byPort.putIfAbsent(address.port(), key);
          }
        });
  }

  private static boolean clashes(ListenAddress a, ListenAddress b) {
    return a.anyHost() || b.anyHost() || a.host().equalsIgnoreCase(b.host());
  }
}
