package io.flymq.storage.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sparse map from timestamps to offsets in one segment, for {@code offsetForTimestamp} and
 * time-based retention.
 *
 * <pre>
 * entry (12 bytes): | timestamp int64 | relativeOffset int32 |
 * </pre>
 *
 * An entry records the largest timestamp seen so far in the segment and the base offset of the
 * batch that carried it. Entries are added with the offset index, only when the timestamp grew, so
 * both fields are strictly increasing. When a segment is closed its final maximum is appended, so
 * the last entry of a closed segment holds the segment's largest timestamp.
 *
 * <p>Thread-safety: see {@link MappedIndex}.
 */
final class TimeIndex extends MappedIndex {
  static final int ENTRY_SIZE = 12;
  private final long baseOffset;

  TimeIndex(Path path, long baseOffset, int maxBytes, boolean writable) throws IOException {
    super(path, ENTRY_SIZE, maxBytes, writable);
    this.baseOffset = baseOffset;
  }

  /** Appends when {@code timestamp} is larger than the last entry's (and there is room). */
  void maybeAppend(long timestamp, long offset) {
    int slot = entries();
    if (isFull() || (slot > 0 && timestampAt(slot - 1) >= timestamp)) {
      return;
    }
    if (slot > 0 && offsetAt(slot - 1) >= offset) {
      return;
    }
    map().putLong(slot * ENTRY_SIZE, timestamp);
    map().putInt(slot * ENTRY_SIZE + 8, (int) (offset - baseOffset));
    publishEntry();
  }

  long timestampAt(int slot) {
    return map().getLong(slot * ENTRY_SIZE);
  }

  long offsetAt(int slot) {
    return baseOffset + map().getInt(slot * ENTRY_SIZE + 8);
  }

  @Override
  long keyAt(int slot) {
    return timestampAt(slot);
  }

  /** The largest indexed timestamp, or -1 when empty. */
  long lastTimestamp() {
    int slot = entries();
    return slot == 0 ? -1 : timestampAt(slot - 1);
  }

  /**
   * Offset from which to scan for the first record with timestamp >= {@code target}: the offset of
   * the last entry whose timestamp is < target, or the segment base when there is none.
   */
  long lookupScanStart(long target) {
    int slot = floorSlot(target - 1);
    return slot < 0 ? baseOffset : offsetAt(slot);
  }

  /** Drops entries for offsets >= {@code offset}. */
  void truncateToOffset(long offset) {
    truncateFrom(this::offsetAt, offset);
  }

  /** Structural check: timestamps and offsets strictly increasing, offsets within the segment. */
  boolean isSane(long nextOffset) {
    for (int slot = 0; slot < entries(); slot++) {
      long offset = offsetAt(slot);
      if (offset < baseOffset || offset >= nextOffset) {
        return false;
      }
      if (slot > 0
          && (timestampAt(slot) <= timestampAt(slot - 1) || offset <= offsetAt(slot - 1))) {
        return false;
      }
    }
    return true;
  }
}
