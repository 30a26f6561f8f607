package io.flymq.record;

/** Whether record timestamps were set by the producer or stamped by the broker on append. */
public enum TimestampType {
  CREATE_TIME,
  LOG_APPEND_TIME
}
