package io.flymq.server.group;

/**
 * A record of {@code __consumer_offsets} that passed the batch CRC but does not decode: written by
 * a broker with a bug, or by a newer broker with a layout this one does not know. Our own broken
 * invariant, hence a type of its own (STYLE 5).
 */
public final class CorruptOffsetRecordException extends RuntimeException {
  public CorruptOffsetRecordException(String message) {
    super(message);
  }
}
