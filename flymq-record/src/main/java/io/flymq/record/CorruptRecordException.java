package io.flymq.record;

/**
 * Thrown when the bytes of a record batch cannot be decoded: a malformed or overlong varint, a
 * length that points past the end of its record or batch, a record count that disagrees with the
 * records present, or a compressed section that is malformed or would decompress past the
 * configured limit. It means the input is bad (torn write, bit flip, hostile client), never that
 * the caller misused the API.
 */
public final class CorruptRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptRecordException(String message) {
    super(message);
  }

  public CorruptRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
