package io.flymq.client.producer;

import java.util.Locale;

/** How many replicas must have a batch before the broker acknowledges it. */
public enum Acks {
  /** No acknowledgement is awaited; offsets are unknown and failures may go unnoticed. */
  NONE((short) 0),
  /** The partition leader has appended the batch (default). */
  LEADER((short) 1),
  /** Every in-sync replica has the batch. */
  ALL((short) -1);

  private final short wire;

  Acks(short wire) {
    this.wire = wire;
  }

  /** The value sent in PRODUCE_BATCH. */
  public short wire() {
    return wire;
  }

  /** Kafka's spellings: {@code all}, {@code -1}, {@code 1}, {@code 0}; null for anything else. */
  static Acks parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "all":
      case "-1":
        return ALL;
      case "1":
        return LEADER;
      case "0":
        return NONE;
      default:
        return null;
    }
  }
}
