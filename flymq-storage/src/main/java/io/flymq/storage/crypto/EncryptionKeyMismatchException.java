package io.flymq.storage.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A data directory was created with another encryption key than the one supplied, found by {@link
 * KeyCheck#verifyOrCreate}. Thrown at startup so that the broker refuses to open the directory
 * instead of failing on every batch later.
 *
 * <p>Immutable; safe to share between threads. Carries key fingerprints, never keys.
 */
public final class EncryptionKeyMismatchException extends EncryptionException {
  private final Path dataDir;
  private final String suppliedFingerprint;
  private final String createdWithFingerprint;

  EncryptionKeyMismatchException(
      Path dataDir, String suppliedFingerprint, String createdWithFingerprint) {
    super(
        "data directory "
            + dataDir
            + " was created with the encryption key of fingerprint "
            + createdWithFingerprint
            + ", but the supplied key has fingerprint "
            + suppliedFingerprint,
        "set "
            + EncryptionKey.ENVIRONMENT_VARIABLE
            + " (read from the environment only) to the key this"
            + " directory was created with; its fingerprint, the first 8 hex digits of SHA-256 over the"
            + " 32 key bytes, is "
            + createdWithFingerprint);
    this.dataDir = requireNonNull(dataDir, "dataDir");
    this.suppliedFingerprint = requireNonNull(suppliedFingerprint, "suppliedFingerprint");
    this.createdWithFingerprint = requireNonNull(createdWithFingerprint, "createdWithFingerprint");
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Fingerprint ({@link EncryptionKey#fingerprint()}) of the key that was supplied. */
  public String suppliedFingerprint() {
    return suppliedFingerprint;
  }

  /** Fingerprint of the key the directory was created with, as recorded in its check file. */
  public String createdWithFingerprint() {
    return createdWithFingerprint;
  }
}
