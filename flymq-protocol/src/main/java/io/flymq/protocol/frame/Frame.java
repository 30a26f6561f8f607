package io.flymq.protocol.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One complete frame: its header and a read-only view of its payload (not a copy; the source buffer
 * must stay valid while the frame is used). Immutable; the accessor returns a duplicate.
 *
 * @param header the decoded header
 * @param payload exactly {@code header.length()} bytes
 */
public record Frame(FrameHeader header, ByteBuffer payload) {
  /**
   * Validates that the payload matches the header length.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public Frame {
    Objects.requireNonNull(header, "header");
    payload = Objects.requireNonNull(payload, "payload").slice().asReadOnlyBuffer();
    if (payload.remaining() != header.length()) {
      throw new IllegalArgumentException(
          "payload: " + payload.remaining() + " bytes (expected: " + header.length() + ")");
    }
  }

  /** The payload, as a fresh read-only duplicate positioned at its start. */
  @Override
  public ByteBuffer payload() {
    return payload.duplicate();
  }
}
