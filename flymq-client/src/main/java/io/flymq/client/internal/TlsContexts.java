package io.flymq.client.internal;

import io.flymq.client.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} for a {@link TlsConfig}: trust from a trust store, a CA PEM file or
 * the JDK default; a client identity for mTLS from a key store or PEM certificate and PKCS#8 key.
 */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * @throws IOException if a file cannot be read or parsed, naming the file
   */
  public static SSLContext create(TlsConfig tls) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trustManagers(tls), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS setup failed: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(TlsConfig tls)
      throws IOException, GeneralSecurityException {
    if (tls.insecure()) {
      return new TrustManager[] {new TrustEverything()};
    }
    KeyStore store = null;
    if (tls.trustStore().isPresent()) {
      store = load(tls.trustStore().get(), tls.trustStorePassword());
    } else if (tls.caPem().isPresent()) {
      store = emptyStore();
      int n = 0;
      for (Certificate certificate : certificates(tls.caPem().get())) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store); // null: the JDK's default trust
    return factory.getTrustManagers();
  }

  private static KeyManager[] keyManagers(TlsConfig tls)
      throws IOException, GeneralSecurityException {
    KeyStore store;
    char[] password;
    if (tls.keyStore().isPresent()) {
      password = tls.keyStorePassword();
      store = load(tls.keyStore().get(), password);
    } else if (tls.certPem().isPresent() && tls.keyPem().isPresent()) {
      password = NO_PASSWORD;
      store = emptyStore();
      Certificate[] chain = certificates(tls.certPem().get()).toArray(new Certificate[0]);
      store.setKeyEntry("client", privateKey(tls.keyPem().get(), chain), password, chain);
    } else {
      return null;
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  private static KeyStore load(Path path, char[] password)
      throws IOException, GeneralSecurityException {
    try {
      // Detects PKCS12 and JKS from the file's contents.
      return KeyStore.getInstance(path.toFile(), password);
    } catch (IOException e) {
      throw new IOException(path + ": cannot read the key store: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    return store;
  }

  private static Collection<? extends Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IOException(pem + ": no certificate (expected: PEM \"BEGIN CERTIFICATE\")");
      }
      return certificates;
    }
  }

  private static PrivateKey privateKey(Path pem, Certificate[] chain)
      throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN PRIVATE KEY-----";
    int start = text.indexOf(begin);
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (start < 0 || end < start) {
      throw new IOException(
          pem
              + ": no PKCS#8 private key (expected: PEM \"BEGIN PRIVATE KEY\"; convert with"
              + " openssl pkcs8 -topk8 -nocrypt)");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end).trim());
    String algorithm = ((X509Certificate) chain[0]).getPublicKey().getAlgorithm();
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** For {@link TlsConfig#insecure()}: accepts any certificate. Tests only. */
  private static final class TrustEverything implements X509TrustManager {
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
