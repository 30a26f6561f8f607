package io.flymq.server.handler;

import io.flymq.protocol.error.ErrorCode;

/**
 * A request failed for a reason the client must hear about: an error code and the reference text
 * the SDKs match on (WIRE-V1 4.1). The ERROR frame adds the code's hint.
 */
public final class BrokerException extends RuntimeException {
  private final ErrorCode code;

  public BrokerException(ErrorCode code, String referenceText) {
    super(referenceText, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** {@code topic not found: <topic>}, as WIRE-V1 16.3 words it. */
  public static BrokerException topicNotFound(String topic) {
    return new BrokerException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "topic not found: " + topic);
  }

  /** {@code partition <p> not found for topic <topic>}, as WIRE-V1 7.1 words it. */
  public static BrokerException partitionNotFound(String topic, int partition) {
    return new BrokerException(
        ErrorCode.PARTITION_NOT_FOUND, "partition " + partition + " not found for topic " + topic);
  }
}
