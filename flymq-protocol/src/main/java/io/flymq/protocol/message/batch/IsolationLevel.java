package io.flymq.protocol.message.batch;

import io.flymq.protocol.error.ProtocolException;
import io.flymq.protocol.wire.WireReader;

/** Which records a FETCH_BATCHES request may see (docs/protocol.md#fetch_batches). Immutable. */
public enum IsolationLevel {
  /** Everything up to the high watermark, including open transactions. */
  READ_UNCOMMITTED(0),
  /** Only up to the last stable offset: no records of open or aborted transactions. */
  READ_COMMITTED(1);

  private final int id;

  IsolationLevel(int id) {
    this.id = id;
  }

  /** The wire value. */
  public int id() {
    return id;
  }

  /**
   * The level of a wire value.
   *
   * @param id 0 or 1
   * @throws ProtocolException for other values
   */
  public static IsolationLevel fromId(int id) throws ProtocolException {
    for (IsolationLevel level : values()) {
      if (level.id == id) {
        return level;
      }
    }
    throw WireReader.invalid("isolation_level: " + id + " (expected: 0 or 1)");
  }
}
