package io.flymq.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the client speaks TLS to the brokers: which certificates it trusts, which one it presents for
 * mutual TLS, and which host name it verifies. Trust comes from a trust store or a PEM file of CA
 * certificates (neither: the JDK's default trust); the client's own certificate for mTLS from a key
 * store or a PEM certificate plus a PEM private key (PKCS#8). Immutable.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder().caPem(Path.of("ca.pem")).serverName("broker-1").build();
 * }</pre>
 */
public final class TlsConfig {
  private final Path trustStore;
  private final char[] trustStorePassword;
  private final Path keyStore;
  private final char[] keyStorePassword;
  private final Path caPem;
  private final Path certPem;
  private final Path keyPem;
  private final String serverName;
  private final boolean insecure;

  private TlsConfig(Builder b) {
    this.trustStore = b.trustStore;
    this.trustStorePassword = b.trustStorePassword;
    this.keyStore = b.keyStore;
    this.keyStorePassword = b.keyStorePassword;
    this.caPem = b.caPem;
    this.certPem = b.certPem;
    this.keyPem = b.keyPem;
    this.serverName = b.serverName;
    this.insecure = b.insecure;
  }

  /** A builder with the JDK's default trust and no client certificate. */
  public static Builder builder() {
    return new Builder();
  }

  /** The trust store (PKCS12 or JKS), if set. */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /** The trust store's password; empty when none. */
  public char[] trustStorePassword() {
    return trustStorePassword.clone();
  }

  /** The key store holding the client certificate and key for mTLS, if set. */
  public Optional<Path> keyStore() {
    return Optional.ofNullable(keyStore);
  }

  /** The key store's password (also the key's); empty when none. */
  public char[] keyStorePassword() {
    return keyStorePassword.clone();
  }

  /** A PEM file of trusted CA certificates, if set. */
  public Optional<Path> caPem() {
    return Optional.ofNullable(caPem);
  }

  /** The client certificate chain in PEM for mTLS, if set (with {@link #keyPem()}). */
  public Optional<Path> certPem() {
    return Optional.ofNullable(certPem);
  }

  /** The client's PKCS#8 private key in PEM for mTLS, if set (with {@link #certPem()}). */
  public Optional<Path> keyPem() {
    return Optional.ofNullable(keyPem);
  }

  /** The host name to verify and send as SNI; empty means the bootstrap host. */
  public Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  /** Whether certificate and host name verification are off (tests only; never in production). */
  public boolean insecure() {
    return insecure;
  }

  /** Builds {@link TlsConfig}; not thread-safe. */
  public static final class Builder {
    private Path trustStore;
    private char[] trustStorePassword = new char[0];
    private Path keyStore;
    private char[] keyStorePassword = new char[0];
    private Path caPem;
    private Path certPem;
    private Path keyPem;
    private String serverName;
    private boolean insecure;

    private Builder() {}

    /** Trust the certificates of a PKCS12 or JKS trust store. */
    public Builder trustStore(Path path, String password) {
      this.trustStore = path;
      this.trustStorePassword = password == null ? new char[0] : password.toCharArray();
      return this;
    }

    /** Present the certificate of a PKCS12 or JKS key store (mTLS). */
    public Builder keyStore(Path path, String password) {
      this.keyStore = path;
      this.keyStorePassword = password == null ? new char[0] : password.toCharArray();
      return this;
    }

    /** Trust the CA certificates of a PEM file. */
    public Builder caPem(Path path) {
      this.caPem = path;
      return this;
    }

    /** Present a PEM certificate chain and PKCS#8 PEM private key (mTLS). */
    public Builder clientPem(Path certificate, Path privateKey) {
      this.certPem = certificate;
      this.keyPem = privateKey;
      return this;
    }

    /** Verify this host name (and send it as SNI) instead of the address's host. */
    public Builder serverName(String serverName) {
      this.serverName = serverName;
      return this;
    }

    /** Turn off certificate and host name verification: for tests against self-signed brokers. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /**
     * @throws IllegalArgumentException if both a trust store and a CA PEM are set, only one of the
     *     PEM client certificate and key is set, both a key store and PEM client files are set, or
     *     a named file does not exist
     */
    public TlsConfig build() {
      StringBuilder errors = new StringBuilder();
      if (trustStore != null && caPem != null) {
        errors.append("\n  trust: both a trust store and a CA PEM (expected: one of them)");
      }
      if ((certPem == null) != (keyPem == null)) {
        errors.append("\n  client PEM: certificate and key must be given together");
      }
      if (keyStore != null && certPem != null) {
        errors.append("\n  client identity: both a key store and PEM files (expected: one)");
      }
      for (Path path : new Path[] {trustStore, keyStore, caPem, certPem, keyPem}) {
        if (path != null && !path.toFile().isFile()) {
          errors.append("\n  ").append(path).append(": no such file");
        }
      }
      if (errors.length() > 0) {
        throw new IllegalArgumentException("invalid TLS settings:" + errors);
      }
      return new TlsConfig(this);
    }
  }
}
