package io.flymq.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Self-signed test certificates made with the JDK's own keytool (a real process): a PKCS12 key
 * store per identity, its certificate as PEM, its private key as PKCS#8 PEM, and trust stores.
 */
public final class Certificates {
  public static final String PASSWORD = "changeit";

  private Certificates() {}

  /** Creates {@code dir/<name>.p12} for CN={@code name} with SAN localhost and 127.0.0.1. */
  public static Path identity(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    return store;
  }

  /** The identity's certificate as PEM. */
  public static Path certificatePem(Path dir, Path identity, String name) throws Exception {
    Path pem = dir.resolve(name + ".crt.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        name,
        "-keystore",
        identity.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        pem.toString());
    return pem;
  }

  /** The identity's private key as unencrypted PKCS#8 PEM. */
  public static Path privateKeyPem(Path dir, Path identity, String name) throws Exception {
    KeyStore store = KeyStore.getInstance(identity.toFile(), PASSWORD.toCharArray());
    PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD.toCharArray());
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    Path pem = dir.resolve(name + ".key.pem");
    Files.writeString(
        pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    return pem;
  }

  /** A PKCS12 trust store holding the certificate of {@code identity}. */
  public static Path trustStore(Path dir, Path certificatePem, String name) throws Exception {
    Path store = dir.resolve(name + "-trust.p12");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        name,
        "-file",
        certificatePem.toString(),
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    return store;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
