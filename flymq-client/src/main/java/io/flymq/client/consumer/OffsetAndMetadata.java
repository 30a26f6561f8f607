package io.flymq.client.consumer;

/**
 * A committed position: the offset of the next record to read, and optional metadata.
 *
 * @param offset the next offset to read, {@code >= 0}
 * @param metadata free text stored with the commit; empty for none
 */
public record OffsetAndMetadata(long offset, String metadata) {
  /**
   * @throws IllegalArgumentException if the offset is negative
   */
  public OffsetAndMetadata {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
    }
    metadata = metadata == null ? "" : metadata;
  }

  /** An offset without metadata. */
  public static OffsetAndMetadata of(long offset) {
    return new OffsetAndMetadata(offset, "");
  }
}
