package io.flymq.cli.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolved connection settings: where they came from no longer matters. Turns into the Java
 * client's properties ({@code bootstrap.servers}, {@code security.protocol}, {@code ssl.*}).
 *
 * @param addr comma-separated {@code host:port} brokers
 * @param username the user, or null
 * @param password the password, or null
 * @param tls whether to use TLS
 * @param tlsCa the CA PEM file, or null
 * @param tlsCert the client certificate PEM file, or null
 * @param tlsKey the client key PEM file, or null
 * @param insecure whether to skip server certificate checks
 * @param profile the profile the settings came from, or null
 */
public record ConnectionSettings(
    String addr,
    String username,
    String password,
    boolean tls,
    String tlsCa,
    String tlsCert,
    String tlsKey,
    boolean insecure,
    String profile) {

  /** The default broker address, as the broker's own default listener. */
  public static final String DEFAULT_ADDR = "localhost:9092";

  /**
   * The client properties for these settings, with the CLI's timeouts: a command should fail within
   * seconds when the broker is away, not after the SDK's long default retries.
   */
  public Map<String, String> clientProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", addr);
    props.put("client.id", "flymq-cli");
    props.put("request.timeout.ms", "15000");
    props.put("socket.connection.setup.timeout.ms", "5000");
    props.put("retries", "2");
    if (username != null && !username.isEmpty()) {
      props.put("username", username);
      props.put("password", password == null ? "" : password);
    }
    if (tls) {
      props.put("security.protocol", "SSL");
      putIfSet(props, "ssl.ca.location", tlsCa);
      putIfSet(props, "ssl.certificate.location", tlsCert);
      putIfSet(props, "ssl.key.location", tlsKey);
      if (insecure) {
        props.put("ssl.insecure", "true");
      }
    }
    return props;
  }

  /** The settings for display: the password is masked. */
  public Map<String, Object> describe() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("addr", addr);
    fields.put("profile", profile);
    fields.put("username", username);
    fields.put("password", password == null ? null : "********");
    fields.put("tls", tls);
    fields.put("tls_ca", tlsCa);
    fields.put("tls_cert", tlsCert);
    fields.put("tls_key", tlsKey);
    fields.put("insecure", insecure);
    return fields;
  }

  private static void putIfSet(Map<String, String> props, String key, String value) {
    if (value != null && !value.isEmpty()) {
      props.put(key, value);
    }
  }
}
