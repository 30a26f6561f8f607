package io.flymq.server.group;

import java.util.Objects;
import java.util.Optional;

/**
 * A committed offset: the next offset the group will consume (WIRE-V1 16.2), when it was committed,
 * and an optional client string stored alongside it.
 *
 * @param offset the next offset to consume, {@code >= 0}
 * @param commitTimestampMs the broker's clock when the commit was accepted
 * @param metadata free text from the client; empty when none was given
 */
public record CommittedOffset(long offset, long commitTimestampMs, Optional<String> metadata) {
  public CommittedOffset {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
    }
    Objects.requireNonNull(metadata, "metadata");
  }
}
