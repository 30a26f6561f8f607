package io.flymq.storage.crypto;

import static java.util.Objects.requireNonNull;

/**
 * Encrypted data could not be read or written: a wrong key, a batch or key-check file modified or
 * damaged on disk, or a JVM without AES-GCM. Thrown instead of ever returning unauthenticated
 * bytes. Every instance carries a {@link #hint()} telling the operator what to do next (STYLE 5);
 * {@link #getMessage()} is the problem followed by the hint.
 *
 * <p>Immutable; safe to share between threads. Messages never contain key material.
 */
public class EncryptionException extends RuntimeException {
  private final String hint;

  public EncryptionException(String problem, String hint) {
    this(problem, hint, null);
  }

  public EncryptionException(String problem, String hint, Throwable cause) {
    super(
        requireNonNull(problem, "problem") + " (hint: " + requireNonNull(hint, "hint") + ")",
        cause);
    this.hint = hint;
  }

  /** What to do next, e.g. which key to supply. */
  public String hint() {
    return hint;
  }
}
