package io.flymq.server.metadata;

/**
 * Why a metadata request failed: a stable code, whether retrying the same request can succeed, and
 * a hint saying what to do next (STYLE 5, DESIGN decision 10).
 *
 * <p>The codes sit in the "topic" family of the wire error catalogue (WIRE-V1 16.6: 10 = topic
 * missing, 30 = not leader); they move into the project-wide {@code ErrorCode} enum when the
 * protocol module defines it. Codes are stable: never renumber one.
 */
public enum MetadataErrorCode {
  UNKNOWN_TOPIC(10, false, "Create the topic first, or check the name with LIST_TOPICS."),
  TOPIC_ALREADY_EXISTS(15, false, "Use the existing topic, or delete it first."),
  INVALID_TOPIC_NAME(
      16,
      false,
      "Use 1..249 characters from [a-zA-Z0-9._-] and '/' between non-empty levels; not '.' or '..'."),
  INVALID_PARTITIONS(
      17,
      false,
      "Use a partition count between 1 and "
          + TopicValidation.MAX_PARTITIONS
          + "; partitions can only be added, never removed."),
  INVALID_CONFIG(18, false, "Use one of the topic config keys listed in docs/metadata.md."),
  CONCURRENT_MODIFICATION(
      19,
      true,
      "The topic changed while the request was in flight; read the metadata again and retry."),
  NOT_LEADER(30, true, "The metadata leader moved; retry, the client finds the new leader."),
  METADATA_UNAVAILABLE(
      31,
      true,
      "The metadata quorum did not answer in time; check that a majority of nodes is up, then retry."),
  INTERNAL(1, false, "A bug or a corrupt metadata log; see the server log.");

  private final int code;
  private final boolean retriable;
  private final String hint;

  MetadataErrorCode(int code, boolean retriable, String hint) {
    this.code = code;
    this.retriable = retriable;
    this.hint = hint;
  }

  /** The stable numeric code, as sent in an ERROR frame. */
  public int code() {
    return code;
  }

  /** Whether sending the same request again can succeed. */
  public boolean retriable() {
    return retriable;
  }

  /** What the caller should do next. */
  public String hint() {
    return hint;
  }
}
