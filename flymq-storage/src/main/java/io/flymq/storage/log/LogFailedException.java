package io.flymq.storage.log;

/**
 * The log hit an I/O error (a failed write or fsync) and refuses further writes: after a failed
 * fsync the page cache may have dropped the data, so continuing could acknowledge lost records.
 * Operators restart the broker once the disk is healthy; recovery then repairs the log.
 */
public final class LogFailedException extends StorageException {
  public LogFailedException(String dir, Throwable cause) {
    super(
        "partition log "
            + dir
            + " failed on I/O ("
            + cause
            + "); check the disk, then restart the broker",
        cause);
  }

  @Override
  public boolean isRetriable() {
    return false;
  }
}
