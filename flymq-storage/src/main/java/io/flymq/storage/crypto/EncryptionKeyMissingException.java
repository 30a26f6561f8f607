package io.flymq.storage.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A data directory holds encrypted data (it has a key-check file) but the broker was started
 * without an encryption key, found by {@link KeyCheck#verifyUnencrypted}. Thrown at startup so that
 * the broker refuses to serve batches it cannot read.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class EncryptionKeyMissingException extends EncryptionException {
  private final Path dataDir;

  EncryptionKeyMissingException(Path dataDir) {
    super(
        "data directory "
            + dataDir
            + " holds encrypted data ("
            + KeyCheck.FILE_NAME
            + " is present), but no encryption key was given",
        "set "
            + EncryptionKey.ENVIRONMENT_VARIABLE
            + " to the 64-hex-digit key this directory was created"
            + " with; the key is read from the environment only, never from a config file");
    this.dataDir = requireNonNull(dataDir, "dataDir");
  }

  public Path dataDir() {
    return dataDir;
  }
}
