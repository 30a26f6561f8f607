package io.flymq.storage.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

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
 * <p><b>Trust.</b> An entry this process's writer appended is right by construction. An entry
 * loaded from the file at open may be wrong even when the file passed {@link #isSane} (a damaged
 * disk can leave increasing but wrong numbers), so a reader checks it against the batch header it
 * points at before relying on it, and records a match with {@link #markChecked} so the check is
 * paid once per entry. {@link #isTrusted} tells which entries need no check.
 *
 * <p>Thread-safety: see {@link MappedIndex}. Any reader may mark an entry checked (atomically);
 * marks of slots that truncation dropped from the loaded prefix are ignored, since the writer
 * refills those slots.
 */
final class OffsetIndex extends MappedIndex {
  static final int ENTRY_SIZE = 8;
  private final long baseOffset;

  /** One bit per loaded entry found to match the log; allocated at the first match. */
  private volatile AtomicLongArray checkedLoadedEntries;

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

  /**
   * Whether a reader may rely on the entry in {@code slot} without reading the batch header it
   * points at: true for entries this process wrote and for loaded entries already checked.
   */
  boolean isTrusted(int slot) {
    if (slot >= loadedEntries()) {
      return true;
    }
    AtomicLongArray checked = checkedLoadedEntries;
    return checked != null
        && slot >>> 6 < checked.length()
        && (checked.get(slot >>> 6) & (1L << slot)) != 0;
  }

  /** Records that the loaded entry in {@code slot} matches the batch header it points at. */
  void markChecked(int slot) {
    int loaded = loadedEntries();
    if (slot >= loaded) {
      return;
    }
    AtomicLongArray checked = checkedLoadedEntries;
    if (checked == null) {
      synchronized (this) {
        checked = checkedLoadedEntries;
        if (checked == null) {
          checked = new AtomicLongArray((loaded + 63) >>> 6);
          checkedLoadedEntries = checked;
        }
      }
    }
    // Bits allocated after a truncation may be shorter than a slot read before it: that slot is no
    // longer loaded, so there is nothing to mark.
    if (slot >>> 6 < checked.length()) {
      checked.getAndAccumulate(slot >>> 6, 1L << slot, (word, bit) -> word | bit);
    }
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
