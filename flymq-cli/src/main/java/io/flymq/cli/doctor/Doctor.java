package io.flymq.cli.doctor;

import io.flymq.cli.connection.ConnectionSettings;
import io.flymq.cli.doctor.Finding.Status;
import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicInfo;
import io.flymq.client.errors.FlyMQException;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.core.RecordMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code flymq-cli doctor}'s checks, in order, each building on the last: the address resolves,
 * something listens there, it speaks TLS exactly when the CLI does, the broker answers a ping and
 * accepts the credentials, metadata can be read, and its clock agrees with ours. A check that
 * cannot run because an earlier one failed is skipped with the reason. Not thread-safe; one per
 * run.
 */
public final class Doctor {
  private static final int PROBE_TIMEOUT_MS = 3000;

  /** Clock differences below this (plus half the round trip) are normal. */
  private static final long SKEW_TOLERANCE_MS = 1000;

  private final ConnectionSettings settings;
  private final Map<String, String> clientProperties;
  private final List<Finding> findings = new ArrayList<>();

  /**
   * @param settings what the CLI would connect with
   * @param clientProperties the client properties to use for the protocol checks
   */
  public Doctor(ConnectionSettings settings, Map<String, String> clientProperties) {
    this.settings = settings;
    this.clientProperties = clientProperties;
  }

  /** Runs every check and returns the findings in order. */
  public List<Finding> run() {
    InetSocketAddress target = reachableAddress();
    if (target == null) {
      skipRest("tls", "handshake", "metadata", "clock");
    } else if (!tlsMatches(target)) {
      skipRest("handshake", "metadata", "clock");
    } else {
      try (FlyMQClient client = client()) {
        if (handshake(client) && metadata(client)) {
          clock(client);
        } else {
          skipRest("clock");
        }
      }
    }
    findings.add(
        Finding.skip(
            "advertised",
            "skipped: single broker (advertised addresses are checked once clustering lands)"));
    return findings;
  }

  /** Whether any finding is a failure. */
  public static boolean failed(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.status() == Status.FAIL);
  }

  private InetSocketAddress reachableAddress() {
    InetSocketAddress reachable = null;
    for (String hostPort : settings.addr().split(",")) {
      InetSocketAddress address = parse(hostPort.trim());
      if (address == null) {
        continue;
      }
      try (Socket socket = new Socket()) {
        socket.connect(address, PROBE_TIMEOUT_MS);
        findings.add(Finding.ok("reachable", hostPort + " accepts connections"));
        if (reachable == null) {
          reachable = address;
        }
      } catch (IOException e) {
        findings.add(
            Finding.fail(
                "reachable",
                "nothing answers at " + hostPort + " (" + e.getMessage() + ")",
                "start the broker (bin/flymq) or correct --addr / FLYMQ_ADDR / the profile's"
                    + " addr; the broker's default port is 9092"));
      }
    }
    return reachable;
  }

  private InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port;
    try {
      port = colon < 0 ? 9092 : Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException("out of range");
      }
    } catch (NumberFormatException e) {
      findings.add(
          Finding.fail(
              "address",
              "'" + hostPort + "' has no valid port",
              "write addresses as host:port, e.g. localhost:9092"));
      return null;
    }
    try {
      InetAddress resolved = InetAddress.getByName(host);
      findings.add(Finding.ok("address", host + " resolves to " + resolved.getHostAddress()));
      return new InetSocketAddress(resolved, port);
    } catch (UnknownHostException e) {
      findings.add(
          Finding.fail(
              "address",
              "the host name '" + host + "' does not resolve",
              "check the spelling and DNS (or /etc/hosts), or use the broker's IP address"));
      return null;
    }
  }

  private boolean tlsMatches(InetSocketAddress target) {
    boolean speaksTls = speaksTls(target);
    if (settings.tls() && !speaksTls) {
      findings.add(
          Finding.fail(
              "tls",
              "the CLI uses TLS, but the broker at " + target + " answers in plain text",
              "drop --tls / FLYMQ_TLS (and the --tls-* files), or point --addr at the broker's"
                  + " TLS listener"));
      return false;
    }
    if (!settings.tls() && speaksTls) {
      findings.add(
          Finding.fail(
              "tls",
              "the broker at " + target + " expects TLS, but the CLI connects in plain text",
              "add --tls (and --tls-ca CA.pem to trust the broker's certificate)"));
      return false;
    }
    findings.add(
        Finding.ok("tls", settings.tls() ? "both sides use TLS" : "both sides use plain text"));
    return true;
  }

  /** Whether a TLS handshake succeeds at {@code target}, trusting any certificate. */
  private static boolean speaksTls(InetSocketAddress target) {
    try (Socket plain = new Socket()) {
      plain.connect(target, PROBE_TIMEOUT_MS);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      try (SSLSocket socket =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(plain, target.getHostString(), target.getPort(), true)) {
        socket.setSoTimeout(PROBE_TIMEOUT_MS);
        socket.startHandshake();
        return true;
      }
    } catch (IOException | GeneralSecurityException e) {
      return false; // a plain listener rejects or ignores the ClientHello
    }
  }

  private FlyMQClient client() {
    FlyMQClient.Builder builder = FlyMQClient.builder();
    clientProperties.forEach(builder::set);
    builder.set("retries", "0");
    return builder.build();
  }

  private boolean handshake(FlyMQClient client) {
    try {
      int operations = client.apiVersions().apis().size();
      String who = settings.username() == null ? "" : " and accepts user " + settings.username();
      findings.add(
          Finding.ok("handshake", "the broker answers (" + operations + " operations)" + who));
      return true;
    } catch (FlyMQException e) {
      findings.add(explain("handshake", e));
      return false;
    }
  }

  private boolean metadata(FlyMQClient client) {
    try {
      List<String> topics = client.listTopics();
      int partitions = 0;
      for (String topic : topics) {
        TopicInfo info = client.topic(topic);
        partitions += info.partitions();
      }
      findings.add(
          Finding.ok(
              "metadata", topics.size() + " topics, " + partitions + " partitions readable"));
      return true;
    } catch (FlyMQException e) {
      findings.add(explain("metadata", e));
      return false;
    }
  }

  private void clock(FlyMQClient client) {
    String topic = "flymq-doctor-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    try {
      client.createTopic(topic, 1);
    } catch (FlyMQException e) {
      findings.add(
          Finding.skip("clock", "skipped: cannot create a temporary topic (" + e.code() + ")"));
      return;
    }
    try {
      long before = System.currentTimeMillis();
      RecordMetadata written =
          client.produce(topic, null, "doctor".getBytes(StandardCharsets.UTF_8));
      long after = System.currentTimeMillis();
      findings.add(judgeClock(written.timestamp(), before, after));
    } catch (FlyMQException e) {
      findings.add(
          Finding.skip("clock", "skipped: cannot produce to " + topic + " (" + e.code() + ")"));
    } finally {
      try {
        client.deleteTopic(topic);
      } catch (FlyMQException e) {
        findings.add(
            new Finding(
                "cleanup",
                Status.WARN,
                "could not delete the temporary topic " + topic,
                "delete it: flymq-cli topics delete " + topic));
      }
    }
  }

  static Finding judgeClock(long brokerMs, long beforeMs, long afterMs) {
    if (brokerMs <= 0) {
      return Finding.skip("clock", "skipped: the broker does not stamp append times");
    }
    long local = beforeMs + (afterMs - beforeMs) / 2;
    long skew = brokerMs - local;
    long tolerance = (afterMs - beforeMs) / 2 + SKEW_TOLERANCE_MS;
    if (Math.abs(skew) <= tolerance) {
      return Finding.ok("clock", "broker and CLI clocks agree (within " + tolerance + " ms)");
    }
    return new Finding(
        "clock",
        Status.WARN,
        "the broker's clock is "
            + Math.abs(skew)
            + " ms "
            + (skew > 0 ? "ahead of" : "behind")
            + " this machine's",
        "synchronise both clocks with NTP (e.g. chrony, timedatectl set-ntp true); skew breaks"
            + " --from TIME, time-based resets and retention");
  }

  private Finding explain(String check, FlyMQException e) {
    ErrorCode code = e.code();
    if (code == ErrorCode.AUTHENTICATION_REQUIRED) {
      return Finding.fail(
          check,
          "the broker requires authentication",
          "pass --username and --password (or FLYMQ_USERNAME and FLYMQ_PASSWORD)");
    }
    if (code == ErrorCode.AUTHENTICATION_FAILED || code == ErrorCode.USER_DISABLED) {
      return Finding.fail(
          check,
          "the broker refused the credentials of user " + settings.username(),
          "check the user name and password; ask an administrator whether the user is enabled");
    }
    if (code == ErrorCode.UNSUPPORTED_OPCODE && settings.username() != null) {
      return Finding.fail(
          check,
          "the broker does not serve authentication, but the CLI sends credentials",
          "drop --username / FLYMQ_USERNAME for this broker");
    }
    Throwable cause = e.getCause();
    while (cause != null && !(cause instanceof SSLException)) {
      cause = cause.getCause();
    }
    if (cause != null) {
      return Finding.fail(
          check,
          "the TLS handshake failed: " + cause.getMessage(),
          "pass --tls-ca with the CA that signed the broker's certificate (and --tls-cert/--tls-key"
              + " if it requires client certificates); --insecure only for test brokers");
    }
    return Finding.fail(check, e.getMessage(), e.hint());
  }

  private void skipRest(String... checks) {
    for (String check : checks) {
      findings.add(Finding.skip(check, "skipped: an earlier check failed"));
    }
  }

  /** Trusts any certificate: only to learn whether a port speaks TLS at all. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
