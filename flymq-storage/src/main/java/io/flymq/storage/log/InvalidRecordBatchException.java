package io.flymq.storage.log;

import io.flymq.record.BatchCheck;

/** An append was refused because the batch is malformed, corrupt or too large. Not retriable. */
public final class InvalidRecordBatchException extends StorageException {
  private final BatchCheck reason;

  public InvalidRecordBatchException(BatchCheck reason, String detail) {
    super(
        "invalid record batch: "
            + reason.description()
            + (detail.isEmpty() ? "" : " (" + detail + ")"),
        null);
    this.reason = reason;
  }

  public BatchCheck reason() {
    return reason;
  }

  @Override
  public boolean isRetriable() {
    return false;
  }
}
