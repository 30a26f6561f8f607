package io.flymq.storage.log;

/**
 * Base of the errors a partition log reports through its futures and methods. Each subclass says
 * whether retrying the same request can succeed.
 */
public abstract class StorageException extends RuntimeException {
  protected StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same request may succeed later without any change by the caller. */
  public abstract boolean isRetriable();
}
