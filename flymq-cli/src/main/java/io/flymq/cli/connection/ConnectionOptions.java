package io.flymq.cli.connection;

import picocli.CommandLine.Option;

/**
 * The connection flags, named as the public FlyMQ CLI names them. Mixed into the root command and
 * into every command that talks to a broker, so they work before or after the subcommand; a flag
 * given on the subcommand wins (see {@link #orElse}). Unset flags are null, so settings from the
 * environment and the profile show through ({@link ConnectionResolver}).
 */
public final class ConnectionOptions {
  @Option(
      names = {"-a", "--addr"},
      paramLabel = "HOST:PORT[,...]",
      description = "Brokers, comma-separated (env FLYMQ_ADDR; default localhost:9092).")
  String addr;

  @Option(
      names = "--username",
      paramLabel = "USER",
      description = "User name (env FLYMQ_USERNAME).")
  String username;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description = "Password (env FLYMQ_PASSWORD; never stored in profiles).")
  String password;

  @Option(
      names = "--tls",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Connect with TLS (env FLYMQ_TLS).")
  Boolean tls;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description = "CA certificate PEM to trust (env FLYMQ_TLS_CA_FILE); implies --tls.")
  String tlsCa;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "Client certificate PEM for mTLS (env FLYMQ_TLS_CERT_FILE); implies --tls.")
  String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "Client private key PEM for mTLS (env FLYMQ_TLS_KEY_FILE).")
  String tlsKey;

  @Option(
      names = "--insecure",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Skip server certificate checks (env FLYMQ_TLS_INSECURE); implies --tls.")
  Boolean insecure;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Profile in ~/.flymq/config.yaml (env FLYMQ_PROFILE; default: the current one).")
  String profile;

  /** Options where each unset flag takes {@code outer}'s value (a subcommand's over the root's). */
  public ConnectionOptions orElse(ConnectionOptions outer) {
    ConnectionOptions merged = new ConnectionOptions();
    merged.addr = addr != null ? addr : outer.addr;
    merged.username = username != null ? username : outer.username;
    merged.password = password != null ? password : outer.password;
    merged.tls = tls != null ? tls : outer.tls;
    merged.tlsCa = tlsCa != null ? tlsCa : outer.tlsCa;
    merged.tlsCert = tlsCert != null ? tlsCert : outer.tlsCert;
    merged.tlsKey = tlsKey != null ? tlsKey : outer.tlsKey;
    merged.insecure = insecure != null ? insecure : outer.insecure;
    merged.profile = profile != null ? profile : outer.profile;
    return merged;
  }
}
