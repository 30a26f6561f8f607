package io.flymq.storage.log;

/** A read asked for an offset outside [log start offset, log end offset]. */
public final class OffsetOutOfRangeException extends StorageException {
  private final long offset;
  private final long logStartOffset;
  private final long logEndOffset;

  public OffsetOutOfRangeException(long offset, long logStartOffset, long logEndOffset) {
    super(
        "offset: "
            + offset
            + " (expected: "
            + logStartOffset
            + ".."
            + logEndOffset
            + "); seek to the log start or end offset",
        null);
    this.offset = offset;
    this.logStartOffset = logStartOffset;
    this.logEndOffset = logEndOffset;
  }

  public long offset() {
    return offset;
  }

  public long logStartOffset() {
    return logStartOffset;
  }

  public long logEndOffset() {
    return logEndOffset;
  }

  @Override
  public boolean isRetriable() {
    return false;
  }
}
