package io.flymq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.client.errors.BrokerUnavailableException;
import io.flymq.client.testing.Certificates;
import io.flymq.client.testing.TlsProxy;
import io.flymq.server.testing.TestBroker;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's TLS and mTLS over real TLS (a terminating proxy in front of a real broker). */
class TlsIT {
  @TempDir static Path dir;
  private static TestBroker broker;
  private static InetSocketAddress plain;
  private static Path server;
  private static Path serverPem;
  private static Path client;
  private static Path clientCertPem;
  private static Path clientKeyPem;
  private static Path clientTrust;

  @BeforeAll
  static void setUp() throws Exception {
    broker = TestBroker.start();
    String[] hostPort = broker.bootstrap().split(":");
    plain = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    server = Certificates.identity(dir, "broker");
    serverPem = Certificates.certificatePem(dir, server, "broker");
    client = Certificates.identity(dir, "app");
    clientCertPem = Certificates.certificatePem(dir, client, "app");
    clientKeyPem = Certificates.privateKeyPem(dir, client, "app");
    clientTrust = Certificates.trustStore(dir, clientCertPem, "app");
  }

  @AfterAll
  static void tearDown() throws Exception {
    broker.close();
  }

  @Test
  void shouldTalkToTheBrokerOverTlsTrustingACaPem() throws Exception {
    try (TlsProxy proxy = new TlsProxy(plain, server, Certificates.PASSWORD, null);
        FlyMQClient tls =
            FlyMQClient.builder()
                .bootstrapServers(proxy.bootstrap())
                .tls(TlsConfig.builder().caPem(serverPem).serverName("localhost").build())
                .build()) {
      tls.createTopic("over-tls", 1);
      assertThat(tls.produce("over-tls", null, "hello".getBytes()).offset()).isZero();
      assertThat(tls.listTopics()).contains("over-tls");
    }
  }

  @Test
  void shouldPresentAClientCertificateFromPemFilesOrAKeyStore() throws Exception {
    Path serverTrust = Certificates.trustStore(dir, serverPem, "broker");
    try (TlsProxy proxy = new TlsProxy(plain, server, Certificates.PASSWORD, clientTrust)) {
      try (FlyMQClient pem =
          FlyMQClient.builder()
              .bootstrapServers(proxy.bootstrap())
              .tls(
                  TlsConfig.builder()
                      .caPem(serverPem)
                      .clientPem(clientCertPem, clientKeyPem)
                      .serverName("localhost")
                      .build())
              .build()) {
        assertThat(pem.apiVersions().maxFrameBytes()).isPositive();
      }
      ClientConfig.Builder byKeys = ClientConfig.builder().bootstrapServers(proxy.bootstrap());
      Map.of(
              "security.protocol",
              "SSL",
              "ssl.truststore.location",
              serverTrust.toString(),
              "ssl.truststore.password",
              Certificates.PASSWORD,
              "ssl.keystore.location",
              client.toString(),
              "ssl.keystore.password",
              Certificates.PASSWORD,
              "ssl.server.name",
              "localhost")
          .forEach(byKeys::set);
      try (FlyMQClient stores = new FlyMQClient(byKeys.build())) {
        assertThat(stores.apiVersions().maxFrameBytes()).isPositive();
      }
      try (FlyMQClient anonymous =
          FlyMQClient.builder()
              .bootstrapServers(proxy.bootstrap())
              .retries(0, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(10))
              .tls(TlsConfig.builder().caPem(serverPem).serverName("localhost").build())
              .build()) {
        assertThatThrownBy(anonymous::listTopics).isInstanceOf(BrokerUnavailableException.class);
      }
    }
  }

  @Test
  void shouldRefuseABrokerWhoseCertificateItDoesNotTrust() throws Exception {
    Path stranger = Certificates.identity(dir, "stranger");
    Path strangerPem = Certificates.certificatePem(dir, stranger, "stranger");
    try (TlsProxy proxy = new TlsProxy(plain, server, Certificates.PASSWORD, null);
        FlyMQClient tls =
            FlyMQClient.builder()
                .bootstrapServers(proxy.bootstrap())
                .retries(0, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(10))
                .tls(TlsConfig.builder().caPem(strangerPem).serverName("localhost").build())
                .build()) {
      assertThatThrownBy(tls::listTopics)
          .isInstanceOf(BrokerUnavailableException.class)
          .hasMessageContaining("cannot connect")
          .hasMessageContaining("TLS");
    }
    assertThat(Files.exists(strangerPem)).isTrue();
  }
}
