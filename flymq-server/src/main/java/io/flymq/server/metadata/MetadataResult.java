package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The deterministic outcome of applying one {@link MetadataCommand}, returned to the proposer in
 * the Raft reply. Every replica computes the same result for the same log entry.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = MetadataResult.Applied.class, name = "applied"),
  @JsonSubTypes.Type(value = MetadataResult.Rejected.class, name = "rejected"),
})
public sealed interface MetadataResult {

  /**
   * The command changed the image to {@code version}; {@code topic} is the topic after the change
   * (for a deletion: as it was just before).
   */
  record Applied(long version, TopicMetadata topic) implements MetadataResult {
    public Applied {
      requireNonNull(topic, "topic");
    }
  }

  /** The command was rejected and the image left unchanged. */
  record Rejected(MetadataErrorCode code, String message) implements MetadataResult {
    public Rejected {
      requireNonNull(code, "code");
      requireNonNull(message, "message");
    }

    public MetadataException toException() {
      return new MetadataException(code, message);
    }
  }
}
