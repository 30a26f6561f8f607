package io.flymq.server.metadata;

/**
 * Bytes from our own metadata log or snapshot cannot be decoded: an unknown format version, a
 * failed checksum or malformed content. This is a broken invariant of the broker (or a disk fault),
 * not a caller mistake, so it has its own type (STYLE 5); the state machine must stop rather than
 * skip the entry, or replicas would diverge.
 */
public final class CorruptMetadataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptMetadataException(String message) {
    super(message);
  }

  public CorruptMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
