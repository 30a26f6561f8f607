package io.flymq.record;

/** Outcome of {@link RecordBatch#check}: a status code, cheap on the hot path (STYLE 5). */
public enum BatchCheck {
  OK("batch is valid"),
  TRUNCATED("batch ends past the available bytes (torn write or short buffer)"),
  BAD_LENGTH("batch length is smaller than a batch header"),
  TOO_LARGE("batch is larger than the configured maximum batch size"),
  BAD_MAGIC("magic byte is not 2 (only RecordBatch v2 is supported)"),
  BAD_RECORD_COUNT("record count and last offset delta disagree"),
  BAD_CRC("CRC32C does not match the batch contents");

  private final String description;

  BatchCheck(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
