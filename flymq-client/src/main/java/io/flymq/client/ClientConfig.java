package io.flymq.client;

import io.flymq.client.internal.SettingParser;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a client reaches the brokers: addresses, identity, timeouts, retries, TLS and credentials.
 * Immutable; {@link Builder#build()} fills defaults and reports every bad setting at once.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder()
 *     .bootstrapServers("broker-1:9092,broker-2:9092")
 *     .requestTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>Every setting also has a string key (Kafka's name where Kafka has one), accepted by {@link
 * Builder#set(String, String)} and by the producer and consumer configs; docs/java-client.md lists
 * them.
 */
public final class ClientConfig {
  /** {@code bootstrap.servers}: comma-separated {@code host:port} list; required. */
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

  /** {@code client.id}: the name in broker logs; default {@code flymq-java-<n>}. */
  public static final String CLIENT_ID = "client.id";

  /** {@code request.timeout.ms}: how long to wait for a response; default 30,000. */
  public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";

  /** {@code socket.connection.setup.timeout.ms}: TCP (and TLS) connect timeout; default 10,000. */
  public static final String CONNECT_TIMEOUT_MS = "socket.connection.setup.timeout.ms";

  /** {@code retries}: extra attempts for retriable failures; default 5. */
  public static final String RETRIES = "retries";

  /** {@code retry.backoff.ms}: the first retry's delay, doubled each time; default 100. */
  public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

  /** {@code retry.backoff.max.ms}: the longest retry delay; default 1,000. */
  public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

  /** {@code protocol.version}: 2 (default: multiplexed) or 1 (for brokers that speak only v1). */
  public static final String PROTOCOL_VERSION = "protocol.version";

  /** {@code username} and {@code password}: credentials for brokers with authentication. */
  public static final String USERNAME = "username";

  /** See {@link #USERNAME}. */
  public static final String PASSWORD = "password";

  /** {@code security.protocol}: {@code PLAINTEXT} (default) or {@code SSL}. */
  public static final String SECURITY_PROTOCOL = "security.protocol";

  /** TLS settings: trust store, key store, PEM files, server name, insecure. */
  public static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_KEYSTORE_LOCATION = "ssl.keystore.location";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_KEYSTORE_PASSWORD = "ssl.keystore.password";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_CA_LOCATION = "ssl.ca.location";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_CERTIFICATE_LOCATION = "ssl.certificate.location";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_KEY_LOCATION = "ssl.key.location";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_SERVER_NAME = "ssl.server.name";

  /** See {@link #SSL_TRUSTSTORE_LOCATION}. */
  public static final String SSL_INSECURE = "ssl.insecure";

  /** Every key {@link Builder#set(String, String)} accepts. */
  public static final Set<String> KEYS =
      Set.of(
          BOOTSTRAP_SERVERS,
          CLIENT_ID,
          REQUEST_TIMEOUT_MS,
          CONNECT_TIMEOUT_MS,
          RETRIES,
          RETRY_BACKOFF_MS,
          RETRY_BACKOFF_MAX_MS,
          PROTOCOL_VERSION,
          USERNAME,
          PASSWORD,
          SECURITY_PROTOCOL,
          SSL_TRUSTSTORE_LOCATION,
          SSL_TRUSTSTORE_PASSWORD,
          SSL_KEYSTORE_LOCATION,
          SSL_KEYSTORE_PASSWORD,
          SSL_CA_LOCATION,
          SSL_CERTIFICATE_LOCATION,
          SSL_KEY_LOCATION,
          SSL_SERVER_NAME,
          SSL_INSECURE);

  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private final List<InetSocketAddress> bootstrapServers;
  private final String clientId;
  private final Duration requestTimeout;
  private final Duration connectTimeout;
  private final int retries;
  private final Duration retryBackoff;
  private final Duration retryBackoffMax;
  private final int protocolVersion;
  private final String username;
  private final char[] password;
  private final TlsConfig tls;

  private ClientConfig(Builder b, List<InetSocketAddress> bootstrapServers, TlsConfig tls) {
    this.bootstrapServers = List.copyOf(bootstrapServers);
    this.clientId = b.clientId != null ? b.clientId : "flymq-java-" + CLIENT_IDS.incrementAndGet();
    this.requestTimeout = b.requestTimeout;
    this.connectTimeout = b.connectTimeout;
    this.retries = b.retries;
    this.retryBackoff = b.retryBackoff;
    this.retryBackoffMax = b.retryBackoffMax;
    this.protocolVersion = b.protocolVersion;
    this.username = b.username;
    this.password = b.password;
    this.tls = tls;
  }

  /** A builder with the defaults; only {@code bootstrapServers} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bootstrap = new ArrayList<>();
    bootstrapServers.forEach(a -> b.bootstrap.add(a.getHostString() + ":" + a.getPort()));
    b.clientId = clientId;
    b.requestTimeout = requestTimeout;
    b.connectTimeout = connectTimeout;
    b.retries = retries;
    b.retryBackoff = retryBackoff;
    b.retryBackoffMax = retryBackoffMax;
    b.protocolVersion = protocolVersion;
    b.username = username;
    b.password = password;
    b.tlsConfig = tls;
    return b;
  }

  /** The brokers to contact first, in order (unresolved until connect). */
  public List<InetSocketAddress> bootstrapServers() {
    return bootstrapServers;
  }

  /** The client id ({@link #CLIENT_ID}). */
  public String clientId() {
    return clientId;
  }

  /** How long to wait for an answer ({@link #REQUEST_TIMEOUT_MS}). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** TCP and TLS connect timeout ({@link #CONNECT_TIMEOUT_MS}). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Extra attempts for retriable failures ({@link #RETRIES}). */
  public int retries() {
    return retries;
  }

  /** The first retry delay ({@link #RETRY_BACKOFF_MS}). */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** The longest retry delay ({@link #RETRY_BACKOFF_MAX_MS}). */
  public Duration retryBackoffMax() {
    return retryBackoffMax;
  }

  /** 2 (correlation ids, many requests in flight) or 1 (one request at a time per connection). */
  public int protocolVersion() {
    return protocolVersion;
  }

  /** The username to authenticate as, if any. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The password; empty when none. A copy: clear it after use. */
  public char[] password() {
    return password == null ? new char[0] : password.clone();
  }

  /** TLS settings, or empty for plain TCP. */
  public Optional<TlsConfig> tls() {
    return Optional.ofNullable(tls);
  }

  /** Builds {@link ClientConfig}; not thread-safe. */
  public static final class Builder {
    private List<String> bootstrap;
    private String clientId;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int retries = 5;
    private Duration retryBackoff = Duration.ofMillis(100);
    private Duration retryBackoffMax = Duration.ofSeconds(1);
    private int protocolVersion = 2;
    private String username;
    private char[] password;
    private TlsConfig tlsConfig;
    private final TlsConfig.Builder tlsKeys = TlsConfig.builder();
    private boolean tlsFromKeys;
    private final SettingParser parser = new SettingParser();
    private String trustStorePassword;
    private String keyStorePassword;
    private Path certificate;
    private Path privateKey;
    private final Map<String, String> tlsSettings = new LinkedHashMap<>();

    private Builder() {}

    /** Comma-separated {@code host:port} list, e.g. {@code "localhost:9092"}. */
    public Builder bootstrapServers(String servers) {
      this.bootstrap = List.of(servers.split(","));
      return this;
    }

    /** The name in broker logs and thread names. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** How long to wait for each answer; default 30 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** TCP and TLS connect timeout; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Extra attempts for retriable failures (0 = none). */
    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    /** The first retry delay and the cap of its doubling. */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.retryBackoff = initial;
      this.retryBackoffMax = max;
      return this;
    }

    /** 2 (default) or 1 for brokers that speak only the v1 protocol. */
    public Builder protocolVersion(int version) {
      this.protocolVersion = version;
      return this;
    }

    /** Credentials for brokers with authentication. */
    public Builder credentials(String username, String password) {
      this.username = username;
      this.password = password == null ? null : password.toCharArray();
      return this;
    }

    /** Speak TLS with these settings. */
    public Builder tls(TlsConfig tls) {
      this.tlsConfig = tls;
      return this;
    }

    /**
     * Sets one setting by its string key (the constants of this class); mistakes are reported by
     * {@link #build()}.
     *
     * @return whether the key is a client key (false: the caller may try its own keys)
     */
    public boolean set(String key, String value) {
      switch (key) {
        case BOOTSTRAP_SERVERS:
          return run(() -> bootstrapServers(value));
        case CLIENT_ID:
          return run(() -> clientId(value));
        case REQUEST_TIMEOUT_MS:
          return run(() -> requestTimeout = millis(key, value, 1));
        case CONNECT_TIMEOUT_MS:
          return run(() -> connectTimeout = millis(key, value, 1));
        case RETRIES:
          return run(() -> retries = (int) parser.number(key, value, 0, Integer.MAX_VALUE, 5));
        case RETRY_BACKOFF_MS:
          return run(() -> retryBackoff = millis(key, value, 0));
        case RETRY_BACKOFF_MAX_MS:
          return run(() -> retryBackoffMax = millis(key, value, 0));
        case PROTOCOL_VERSION:
          return run(() -> protocolVersion = (int) parser.number(key, value, 1, 2, 2));
        case USERNAME:
          return run(() -> username = value);
        case PASSWORD:
          return run(() -> password = value.toCharArray());
        case SECURITY_PROTOCOL:
          return run(() -> securityProtocol(value));
        default:
          return setTls(key, value);
      }
    }

    private boolean setTls(String key, String value) {
      switch (key) {
        case SSL_TRUSTSTORE_LOCATION:
          tlsKeys.trustStore(Path.of(value), null);
          break;
        case SSL_TRUSTSTORE_PASSWORD:
          trustStorePassword = value;
          break;
        case SSL_KEYSTORE_LOCATION:
          tlsKeys.keyStore(Path.of(value), null);
          break;
        case SSL_KEYSTORE_PASSWORD:
          keyStorePassword = value;
          break;
        case SSL_CA_LOCATION:
          tlsKeys.caPem(Path.of(value));
          break;
        case SSL_CERTIFICATE_LOCATION:
          certificate = Path.of(value);
          break;
        case SSL_KEY_LOCATION:
          privateKey = Path.of(value);
          break;
        case SSL_SERVER_NAME:
          tlsKeys.serverName(value);
          break;
        case SSL_INSECURE:
          tlsKeys.insecure(parser.bool(key, value, false));
          break;
        default:
          return false;
      }
      tlsSettings.put(key, value);
      return true;
    }

    private void securityProtocol(String value) {
      switch (value.trim().toUpperCase(Locale.ROOT)) {
        case "SSL":
        case "TLS":
          tlsFromKeys = true;
          break;
        case "PLAINTEXT":
          tlsFromKeys = false;
          break;
        default:
          parser.error(SECURITY_PROTOCOL, value, "PLAINTEXT or SSL");
      }
    }

    private Duration millis(String key, String value, long min) {
      return Duration.ofMillis(parser.number(key, value, min, Integer.MAX_VALUE, min));
    }

    private static boolean run(Runnable setter) {
      setter.run();
      return true;
    }

    /** Records an unknown key (for the producer and consumer configs, which add their own keys). */
    public void unknown(String key, Set<String> otherKeys) {
      Set<String> all = new HashSet<>(KEYS);
      all.addAll(otherKeys);
      parser.unknown(key, all);
    }

    /**
     * @throws IllegalArgumentException listing every invalid setting: no or malformed bootstrap
     *     servers, non-positive timeouts, negative retries, a protocol version other than 1 or 2, a
     *     password without a username, bad TLS settings
     */
    public ClientConfig build() {
      List<InetSocketAddress> addresses = new ArrayList<>();
      if (bootstrap == null || bootstrap.isEmpty()) {
        parser.error(
            BOOTSTRAP_SERVERS, "(not set)", "host:port[,host:port...], e.g. localhost:9092");
      } else {
        for (String entry : bootstrap) {
          InetSocketAddress address = HostPort.parse(entry.trim());
          if (address == null) {
            parser.error(BOOTSTRAP_SERVERS, entry, "host:port with a port in [1, 65535]");
          } else {
            addresses.add(address);
          }
        }
      }
      positive(REQUEST_TIMEOUT_MS, requestTimeout);
      positive(CONNECT_TIMEOUT_MS, connectTimeout);
      if (retries < 0) {
        parser.error(RETRIES, String.valueOf(retries), ">= 0");
      }
      if (retryBackoff.isNegative() || retryBackoffMax.compareTo(retryBackoff) < 0) {
        parser.error(
            RETRY_BACKOFF_MAX_MS,
            retryBackoffMax.toMillis() + "",
            ">= " + RETRY_BACKOFF_MS + " (" + retryBackoff.toMillis() + ") and both >= 0");
      }
      if (protocolVersion != 1 && protocolVersion != 2) {
        parser.error(PROTOCOL_VERSION, String.valueOf(protocolVersion), "1 or 2");
      }
      if (password != null && username == null) {
        parser.error(PASSWORD, "(set)", "a username with it");
      }
      TlsConfig tls = tlsConfig;
      if (tlsFromKeys || (!tlsSettings.isEmpty() && tls == null)) {
        if (!tlsFromKeys) {
          parser.error(SECURITY_PROTOCOL, "PLAINTEXT", "SSL, since ssl.* settings are given");
        }
        tls = tlsFromSettings();
      }
      parser.throwIfAny("client configuration");
      return new ClientConfig(this, addresses, tls);
    }

    private TlsConfig tlsFromSettings() {
      try {
        TlsConfig partial = tlsKeys.build();
        TlsConfig.Builder b = TlsConfig.builder().insecure(partial.insecure());
        partial.trustStore().ifPresent(p -> b.trustStore(p, trustStorePassword));
        partial.keyStore().ifPresent(p -> b.keyStore(p, keyStorePassword));
        partial.caPem().ifPresent(b::caPem);
        partial.serverName().ifPresent(b::serverName);
        if (certificate != null || privateKey != null) {
          b.clientPem(certificate, privateKey);
        }
        return b.build();
      } catch (IllegalArgumentException e) {
        parser.error("ssl.*", String.valueOf(tlsSettings.keySet()), e.getMessage());
        return null;
      }
    }

    private void positive(String key, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        parser.error(key, String.valueOf(value), "> 0 ms");
      }
    }
  }
}
