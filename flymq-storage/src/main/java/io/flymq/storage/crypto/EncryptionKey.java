package io.flymq.storage.crypto;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key for encryption at rest, with a short fingerprint that is safe to log.
 *
 * <p>Invariants: always exactly {@value #SIZE_BYTES} bytes; immutable after construction. The key
 * material is never part of {@link #toString()}, of exception messages or of logs; only the {@link
 * #fingerprint()} is, which an operator can reproduce with {@code printf %s "$FLYMQ_ENCRYPTION_KEY"
 * | xxd -r -p | sha256sum | cut -c1-8}.
 *
 * <p>The broker reads the key from the {@value #ENVIRONMENT_VARIABLE} environment variable only
 * (DESIGN 9): a key in a configuration file would end up in backups and version control.
 *
 * <p>Thread-safe: immutable.
 */
public final class EncryptionKey {
  /** Key size: AES-256. */
  public static final int SIZE_BYTES = 32;

  /** The only place the broker takes the key from. */
  public static final String ENVIRONMENT_VARIABLE = "FLYMQ_ENCRYPTION_KEY";

  private static final int HEX_LENGTH = SIZE_BYTES * 2;
  private static final int FINGERPRINT_HEX_LENGTH = 8;

  private final SecretKey secretKey;
  private final String fingerprint;

  private EncryptionKey(byte[] key) {
    this.secretKey = new SecretKeySpec(key, "AES");
    this.fingerprint = HexFormat.of().formatHex(sha256(key)).substring(0, FINGERPRINT_HEX_LENGTH);
  }

  /**
   * Parses a key written as 64 hex digits (either case), e.g. the output of {@code openssl rand
   * -hex 32}.
   *
   * @throws IllegalArgumentException if {@code hex} is not exactly 64 hex digits; the message gives
   *     the length or the index of the first bad character, never the value
   */
  public static EncryptionKey fromHex(String hex) {
    requireNonNull(hex, "hex");
    if (hex.length() != HEX_LENGTH) {
      throw new IllegalArgumentException(
          "encryption key: "
              + hex.length()
              + " characters (expected: "
              + HEX_LENGTH
              + " hex digits, a 256-bit AES key; generate one with `openssl rand -hex 32`)");
    }
    for (int i = 0; i < hex.length(); i++) {
      if (!HexFormat.isHexDigit(hex.charAt(i))) {
        // Name the position only: even one character of a key does not belong in a log.
        throw new IllegalArgumentException(
            "encryption key: non-hex character at index "
                + i
                + " (expected: "
                + HEX_LENGTH
                + " hex digits 0-9, a-f)");
      }
    }
    return new EncryptionKey(HexFormat.of().parseHex(hex));
  }

  /**
   * Wraps 32 raw key bytes; the array is copied.
   *
   * @throws IllegalArgumentException if {@code key} is not 32 bytes long
   */
  public static EncryptionKey fromBytes(byte[] key) {
    requireNonNull(key, "key");
    if (key.length != SIZE_BYTES) {
      throw new IllegalArgumentException(
          "encryption key: " + key.length + " bytes (expected: " + SIZE_BYTES + ")");
    }
    return new EncryptionKey(key.clone());
  }

  /**
   * Reads the key from {@value #ENVIRONMENT_VARIABLE} in {@code env} (pass {@code
   * System.getenv()}). Surrounding whitespace is ignored. A variable that is set but empty is an
   * error rather than "no encryption", so that a failed secret lookup in a start script never
   * silently writes plaintext.
   *
   * @return the key, or empty when the variable is not set (encryption at rest is off)
   * @throws IllegalArgumentException if the variable is set but is not 64 hex digits
   */
  public static Optional<EncryptionKey> fromEnvironment(Map<String, String> env) {
    String value = requireNonNull(env, "env").get(ENVIRONMENT_VARIABLE);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromHex(value.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          ENVIRONMENT_VARIABLE
              + ": "
              + e.getMessage()
              + "; unset the variable to run without encryption at rest",
          e);
    }
  }

  /**
   * First 8 hex digits of SHA-256 over the key bytes: identifies a key in logs and errors without
   * revealing it.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * The key for {@code javax.crypto}; package-private so that the material stays inside this
   * package.
   */
  SecretKey secretKey() {
    return secretKey;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "EncryptionKey(fingerprint=" + fingerprint + ")";
  }
}
