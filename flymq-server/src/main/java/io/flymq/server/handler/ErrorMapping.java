package io.flymq.server.handler;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.record.BatchCheck;
import io.flymq.server.metadata.MetadataException;
import io.flymq.storage.log.InvalidRecordBatchException;
import io.flymq.storage.log.LogClosedException;
import io.flymq.storage.log.LogFailedException;
import io.flymq.storage.log.OffsetOutOfRangeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed request into the ERROR frame the client gets: one code and one text per failure
 * kind (DESIGN 10), with the code's hint added by {@link ErrorResponse#of}. Unexpected failures are
 * logged here, once, with their stack.
 */
public final class ErrorMapping {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  /** The ERROR frame for a failed request. */
  public static ErrorResponse toResponse(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof BrokerException e) {
      return ErrorResponse.of(e.code(), e.getMessage());
    }
    if (cause instanceof InvalidRecordBatchException e) {
      ErrorCode code =
          e.reason() == BatchCheck.TOO_LARGE
              ? ErrorCode.RECORD_TOO_LARGE
              : ErrorCode.INVALID_RECORD_BATCH;
      return ErrorResponse.of(code, e.getMessage());
    }
    if (cause instanceof OffsetOutOfRangeException e) {
      return ErrorResponse.of(ErrorCode.OFFSET_OUT_OF_RANGE, e.getMessage());
    }
    if (cause instanceof LogClosedException e) {
      return ErrorResponse.of(ErrorCode.BROKER_NOT_AVAILABLE, e.getMessage());
    }
    if (cause instanceof LogFailedException e) {
      return ErrorResponse.of(ErrorCode.STORAGE_ERROR, e.getMessage());
    }
    if (cause instanceof MetadataException e) {
      return ErrorResponse.of(metadataCode(e), e.getMessage());
    }
    if (cause instanceof IllegalArgumentException e) {
      // Caller mistakes surface as IllegalArgumentException (STYLE 5): here that is the client's
      // request, e.g. a name that decodes to more bytes than a stored key may hold.
      return ErrorResponse.of(ErrorCode.INVALID_REQUEST, "invalid request: " + e.getMessage());
    }
    log.error("request failed unexpectedly", cause);
    return ErrorResponse.of(ErrorCode.UNCLASSIFIED, "internal error: " + cause);
  }

  /** The error code alone, for per-partition error fields of v2 responses. */
  public static ErrorCode codeOf(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof BrokerException e) {
      return e.code();
    }
    if (cause instanceof OffsetOutOfRangeException) {
      return ErrorCode.OFFSET_OUT_OF_RANGE;
    }
    if (cause instanceof LogClosedException) {
      return ErrorCode.BROKER_NOT_AVAILABLE;
    }
    return ErrorCode.STORAGE_ERROR;
  }

  private static ErrorCode metadataCode(MetadataException e) {
    return switch (e.errorCode()) {
      case UNKNOWN_TOPIC -> ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      case INVALID_TOPIC_NAME -> ErrorCode.INVALID_TOPIC_NAME;
      case INVALID_PARTITIONS, INVALID_CONFIG, TOPIC_ALREADY_EXISTS -> ErrorCode.INVALID_REQUEST;
      case NOT_LEADER -> ErrorCode.NOT_LEADER;
      case CONCURRENT_MODIFICATION, METADATA_UNAVAILABLE -> ErrorCode.LEADER_NOT_AVAILABLE;
      default -> ErrorCode.UNCLASSIFIED;
    };
  }

  /** The failure inside CompletionException/ExecutionException wrappers. */
  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
