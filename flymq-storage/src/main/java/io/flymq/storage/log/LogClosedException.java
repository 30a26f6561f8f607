package io.flymq.storage.log;

/** The log was closed (shutdown or deletion) before or while the request ran. */
public final class LogClosedException extends StorageException {
  public LogClosedException(String dir) {
    super("partition log " + dir + " is closed", null);
  }

  @Override
  public boolean isRetriable() {
    return true;
  }
}
