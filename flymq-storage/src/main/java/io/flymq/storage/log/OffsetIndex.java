package io.flymq.storage.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sparse map from offsets to byte positions in one segment's log file. An entry is added every
 * {@code indexIntervalBytes} of log, for the first batch written after the interval.
 *
 * <pre>
 * entry (8 bytes): | relativeOffset int32 | position int32 |
 * </pre>
 *
 * {@code relativeOffset} is the batch's base offset minus the segment's base offset. Entries are
 * strictly increasing in both fields. A lookup ({@link #floorSlot}) finds the last indexed batch
 * whose base offset is <= the target; the caller scans forward from its position.
 *
 * <p>Thread-safety: see {@link MappedIndex}.
 */
final class OffsetIndex extends MappedIndex {
  static final int ENTRY_SIZE = 8;
  private final long baseOffset;

  OffsetIndex(Path path, long baseOffset, int maxBytes, boolean writable) throws IOException {
    super(path, ENTRY_SIZE, maxBytes, writable);
    this.baseOffset = baseOffset;
  }

  void append(long offset, int position) {
    int slot = entries();
    map().putInt(slot * ENTRY_SIZE, (int) (offset - baseOffset));
    map().putInt(slot * ENTRY_SIZE + 4, position);
    publishEntry();
  }

  long offsetAt(int slot) {
    return baseOffset + map().getInt(slot * ENTRY_SIZE);
  }

  int positionAt(int slot) {
    return map().getInt(slot * ENTRY_SIZE + 4);
  }

  @Override
  long keyAt(int slot) {
    return offsetAt(slot);
  }

  /** Slot of the last entry whose position is <= {@code position}, or -1. */
  int floorPositionSlot(int position) {
    return floorSlot(this::positionAt, position);
  }

  /** Drops entries for batches at or after {@code position}. */
  void truncateToPosition(int position) {
    truncateFrom(this::positionAt, position);
  }

  /**
   * Whether every entry is plausible for a log of {@code logSize} bytes: relative offsets >= 0 and
   * positions < logSize, both strictly increasing. Cheap structural check run on open.
   */
  boolean isSane(int logSize) {
    long lastOffset = -1;
    int lastPosition = -1;
    for (int slot = 0; slot < entries(); slot++) {
      long relative = offsetAt(slot) - baseOffset;
      int position = positionAt(slot);
      if (relative < 0
          || (slot > 0 && offsetAt(slot) <= lastOffset)
          || position <= lastPosition
          || position >= logSize) {
        return false;
      }
      lastOffset = offsetAt(slot);
      lastPosition = position;
    }
    return true;
  }
}
