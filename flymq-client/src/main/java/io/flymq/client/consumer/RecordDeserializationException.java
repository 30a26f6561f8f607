package io.flymq.client.consumer;

import io.flymq.client.TopicPartition;
import io.flymq.client.errors.FlyMQException;
import io.flymq.protocol.error.ErrorCode;

/**
 * Thrown by {@link Consumer#poll} when a deserializer rejects a record's key or value. The position
 * of the partition stays at the record, so the next poll fails again; {@link Consumer#seek} past
 * {@link #offset()} to skip it. Records returned before it in the same poll are not lost: poll
 * returns them first and throws on the next call.
 */
public class RecordDeserializationException extends FlyMQException {
  private static final long serialVersionUID = 1L;

  private final TopicPartition partition;
  private final long offset;

  /**
   * @param partition the record's partition
   * @param offset the record's offset
   * @param what which part failed ({@code key} or {@code value})
   * @param cause the deserializer's exception
   */
  public RecordDeserializationException(
      TopicPartition partition, long offset, String what, Throwable cause) {
    super(
        ErrorCode.UNCLASSIFIED,
        "cannot deserialize the "
            + what
            + " of "
            + partition
            + " at offset "
            + offset
            + ": "
            + cause,
        "Fix the deserializer, or skip the record with seek("
            + partition
            + ", "
            + (offset + 1)
            + ")",
        false,
        cause);
    this.partition = partition;
    this.offset = offset;
  }

  /** The partition of the record that failed. */
  public TopicPartition topicPartition() {
    return partition;
  }

  /** The offset of the record that failed. */
  public long offset() {
    return offset;
  }
}
