package io.flymq.storage.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file of fixed-size entries sorted by a key, the base of {@link OffsetIndex} and
 * {@link TimeIndex}.
 *
 * <p>An index is <em>writable</em> while its segment is active: the file is preallocated to {@code
 * maxBytes} (sparse, so it costs no disk) and mapped read-write. When the segment is sealed
 * (rolled) or closed, the entries are written to a new file of exactly {@code entries * entrySize}
 * bytes, which atomically replaces the old one; a reopened file's size therefore gives its entry
 * count. Files are replaced, never shrunk in place, because a shrunk file that a reader still has
 * mapped would fault (SIGBUS) on access; the replaced inode lives on until its mapping is
 * collected.
 *
 * <p>The first {@link #loadedEntries()} entries were read from the file when it was opened; the
 * ones after them were written by this process. Entries are only ever added at the end and dropped
 * from the end, so the loaded ones stay a prefix, which truncation can only shorten.
 *
 * <p>Thread-safety: one writer (the log's writer) and many readers. The entry count is volatile and
 * published after the entry bytes, so a reader never sees a half-written entry.
 */
abstract class MappedIndex {
  private final Path path;
  private final int entrySize;
  private final int maxEntries;
  private volatile MappedByteBuffer map;
  private volatile int entries;
  private volatile int loadedEntries;
  private volatile boolean writable;

  MappedIndex(Path path, int entrySize, int maxBytes, boolean writable) throws IOException {
    this.path = path;
    this.entrySize = entrySize;
    this.maxEntries = Math.max(1, maxBytes / entrySize);
    long size = Files.exists(path) ? Files.size(path) : 0;
    // A size that is not a whole number of entries cannot be a trimmed index: start empty, and
    // the caller's sanity check makes the segment rebuild it from the log.
    int existing =
        size % entrySize == 0 ? (int) Math.min(size / entrySize, Integer.MAX_VALUE / entrySize) : 0;
    this.entries = writable ? Math.min(existing, maxEntries) : existing;
    this.loadedEntries = entries;
    this.writable = writable;
    this.map = writable ? mapWritable() : mapReadOnly(path, (long) entries * entrySize);
  }

  final Path path() {
    return path;
  }

  final int entries() {
    return entries;
  }

  /**
   * How many of the first entries came from the file at open (rather than from this process's
   * writer) and are still in the index.
   */
  final int loadedEntries() {
    return loadedEntries;
  }

  final boolean isFull() {
    return entries >= maxEntries;
  }

  /** Entries that can still be appended. */
  final int room() {
    return Math.max(0, maxEntries - entries);
  }

  final boolean isWritable() {
    return writable;
  }

  final ByteBuffer map() {
    return map;
  }

  /** Publishes the entry the subclass just wrote at slot {@link #entries()}. */
  final void publishEntry() {
    entries = entries + 1;
  }

  /** Drops every entry from {@code slot} on. */
  final void truncateToEntries(int slot) {
    // The writer refills the dropped slots: what it writes there did not come from the file.
    loadedEntries = Math.max(0, Math.min(loadedEntries, slot));
    entries = Math.max(0, Math.min(entries, slot));
  }

  /** Drops all entries. */
  final void clear() {
    loadedEntries = 0;
    entries = 0;
  }

  /** Index of the last entry whose key is <= {@code target}, or -1. */
  final int floorSlot(long target) {
    return floorSlot(this::keyAt, target);
  }

  /**
   * Index of the last entry whose {@code field} is <= {@code target}, or -1; binary search, so the
   * field must increase with the slot (both fields of both index kinds do).
   */
  final int floorSlot(java.util.function.IntToLongFunction field, long target) {
    int low = 0;
    int high = entries - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (field.applyAsLong(mid) <= target) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** Drops the entries whose {@code field} is >= {@code limit} (the increasing tail). */
  final void truncateFrom(java.util.function.IntToLongFunction field, long limit) {
    truncateToEntries(floorSlot(field, limit - 1) + 1);
  }

  /** The sort key of the entry in {@code slot}. */
  abstract long keyAt(int slot);

  /** Forces written entries to disk. */
  final void flush() {
    if (writable) {
      map.force();
    }
  }

  /** Replaces the file with one holding exactly the entries, durably, and maps it read-only. */
  final void seal() throws IOException {
    if (!writable) {
      return;
    }
    replaceFile(false);
    writable = false;
    map = mapReadOnly(path, (long) entries * entrySize);
  }

  /** Makes a sealed index writable again (its segment became active after a truncation). */
  final void unseal() throws IOException {
    if (writable) {
      return;
    }
    replaceFile(true);
    writable = true;
    map = mapWritable();
  }

  private void replaceFile(boolean preallocate) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    ByteBuffer content = map.duplicate().position(0).limit(entries * entrySize);
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (content.hasRemaining()) {
        out.write(content);
      }
      if (preallocate) {
        out.write(ByteBuffer.allocate(1), (long) maxEntries * entrySize - 1);
      }
      out.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    SegmentFiles.syncDirectory(path.getParent());
  }

  private MappedByteBuffer mapWritable() throws IOException {
    long bytes = (long) maxEntries * entrySize;
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      if (file.length() < bytes) {
        file.setLength(bytes);
      }
      return file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, bytes);
    }
  }

  private static MappedByteBuffer mapReadOnly(Path path, long bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.READ, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
    }
  }
}
