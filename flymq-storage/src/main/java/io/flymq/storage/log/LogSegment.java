package io.flymq.storage.log;

import io.flymq.record.BatchCheck;
import io.flymq.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment of a partition log: a file of record batches with consecutive offsets from {@link
 * #baseOffset()}, plus a sparse {@link OffsetIndex} and {@link TimeIndex}.
 *
 * <p>Invariants: the file holds only complete, CRC-valid batches up to {@link #size()}; offsets
 * increase strictly; index entries point at batch starts below {@code size()}. The one active
 * segment of a log is appended to; sealed segments are read-only.
 *
 * <p>Thread-safety: one writer (the log's serialized writer) and any number of readers. Readers see
 * bytes up to the volatile {@link #size()}, which is published after the bytes are written. This
 * class is the write side (append, recovery, truncation, sealing, deletion); how a read finds its
 * bytes is the segment's {@link SegmentReader}.
 */
final class LogSegment {
  private static final Logger log = LoggerFactory.getLogger(LogSegment.class);

  private final Path dir;
  private final long baseOffset;
  private final LogConfig config;
  private final FileChannel channel;
  private final OffsetIndex offsetIndex;
  private final TimeIndex timeIndex;
  private final SegmentReader reader;
  private final long createdMs;
  private volatile int size;
  private volatile long nextOffset;
  private volatile long maxTimestamp = RecordBatch.NO_TIMESTAMP;
  private long offsetOfMaxTimestamp = -1;
  private int bytesSinceLastIndexEntry;

  /**
   * Set when retention or truncation removed the segment: a pending background seal then skips it.
   */
  private volatile boolean deleted;

  private boolean truncatedByRecovery;

  /**
   * Bumped whenever the content of the segment changes other than by an append (compaction checks
   * it).
   */
  private volatile int version;

  private LogSegment(Path dir, long baseOffset, LogConfig config, boolean writable, long createdMs)
      throws IOException {
    this(dir, baseOffset, config, writable, createdMs, "");
  }

  /**
   * {@code suffix} follows the usual file names: "" for a segment of the log, ".cleaned" for a
   * compacted copy.
   */
  private LogSegment(
      Path dir, long baseOffset, LogConfig config, boolean writable, long createdMs, String suffix)
      throws IOException {
    this.dir = dir;
    this.baseOffset = baseOffset;
    this.config = config;
    this.createdMs = createdMs;
    Path[] files = SegmentFiles.files(dir, baseOffset);
    this.channel =
        FileChannel.open(
            SegmentFiles.withSuffix(files[0], suffix),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    this.offsetIndex =
        new OffsetIndex(
            SegmentFiles.withSuffix(files[1], suffix),
            baseOffset,
            config.maxIndexBytes(),
            writable);
    this.timeIndex =
        new TimeIndex(
            SegmentFiles.withSuffix(files[2], suffix),
            baseOffset,
            (config.maxIndexBytes() / OffsetIndex.ENTRY_SIZE) * TimeIndex.ENTRY_SIZE,
            writable);
    this.size = (int) Math.min(channel.size(), Integer.MAX_VALUE);
    this.nextOffset = baseOffset;
    this.reader = new SegmentReader(this, dir, baseOffset, channel, offsetIndex, timeIndex);
  }

  /** Largest batch a segment file may hold: the append limit plus the encryption overhead. */
  static int maxStoredBatchBytes(LogConfig config) {
    return config.maxBatchBytes() + io.flymq.storage.crypto.BatchCipher.OVERHEAD;
  }

  /** Creates a new, empty active segment. */
  static LogSegment create(Path dir, long baseOffset, LogConfig config, long nowMs)
      throws IOException {
    LogSegment segment = new LogSegment(dir, baseOffset, config, true, nowMs);
    if (segment.size != 0) {
      // Leftover files of a segment that was truncated away: start clean.
      segment.channel.truncate(0);
      segment.size = 0;
      segment.offsetIndex.clear();
      segment.timeIndex.clear();
    }
    SegmentFiles.syncDirectory(dir);
    return segment;
  }

  /**
   * Creates the empty {@code .cleaned} copy that compaction fills (with {@link #append}) and then
   * seals and closes; it becomes a segment of the log only once renamed (see {@link LogCleaner}).
   */
  static LogSegment createCleaned(Path dir, long baseOffset, LogConfig config, long nowMs)
      throws IOException {
    LogSegment segment =
        new LogSegment(dir, baseOffset, config, true, nowMs, SegmentFiles.CLEANED_SUFFIX);
    segment.channel.truncate(0);
    segment.size = 0;
    segment.offsetIndex.clear();
    segment.timeIndex.clear();
    return segment;
  }

  /**
   * Opens an existing segment. Its indexes are trusted only when {@code trustIndexes} and they pass
   * a structural check; otherwise they are rebuilt from the log.
   */
  static LogSegment open(
      Path dir, long baseOffset, LogConfig config, boolean active, boolean trustIndexes, long nowMs)
      throws IOException {
    LogSegment segment = new LogSegment(dir, baseOffset, config, active, nowMs);
    boolean sane = segment.offsetIndex.isSane(segment.size);
    if (trustIndexes && sane && segment.loadTailFromIndex()) {
      return segment;
    }
    if (trustIndexes) {
      log.warn("{}: index of segment {} is damaged; rebuilding it from the log", dir, baseOffset);
    }
    segment.recover();
    return segment;
  }

  long baseOffset() {
    return baseOffset;
  }

  /** Whether opening this segment cut damaged bytes off its end. */
  boolean wasTruncatedByRecovery() {
    return truncatedByRecovery;
  }

  /** Visible bytes of the log file. */
  int size() {
    return size;
  }

  /** Offset after the last batch; the base offset when empty. */
  long nextOffset() {
    return nextOffset;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Largest batch max-timestamp in the segment, or -1. */
  long maxTimestamp() {
    return maxTimestamp;
  }

  long createdMs() {
    return createdMs;
  }

  FileChannel channel() {
    return channel;
  }

  boolean isIndexFull() {
    return offsetIndex.isFull() || timeIndex.isFull();
  }

  /** Entries of the fuller index (compaction sizes merged segments by it). */
  int indexEntries() {
    return Math.max(offsetIndex.entries(), timeIndex.entries());
  }

  /**
   * Changes when the segment is truncated or unsealed, so compaction can tell its copy is stale.
   */
  int version() {
    return version;
  }

  /**
   * Appends one stamped batch at the end of the file and indexes it. Called by the log's writer
   * only.
   *
   * @return the file position of the batch
   */
  int append(RecordBatch batch) throws IOException {
    int position = size;
    ByteBuffer bytes = batch.slice();
    long at = position;
    while (bytes.hasRemaining()) {
      at += channel.write(bytes, at);
    }
    indexBatch(batch.baseOffset(), batch.maxTimestamp(), position, batch.sizeInBytes());
    nextOffset = batch.nextOffset();
    size = position + batch.sizeInBytes();
    return position;
  }

  /**
   * Appends stamped batches at the end of the file with as few system calls as {@link RunWriter}
   * manages (a positional write for a single batch), then indexes them and publishes the new size.
   * Called by the log's writer only, with no more batches than {@link #indexRoom()}.
   */
  void append(List<RecordBatch> batches) throws IOException {
    if (batches.size() == 1) {
      append(batches.get(0));
      return;
    }
    ByteBuffer[] buffers = new ByteBuffer[batches.size()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = batches.get(i).slice();
    }
    int position = size;
    RunWriter.write(channel, position, buffers);
    for (RecordBatch batch : batches) {
      indexBatch(batch.baseOffset(), batch.maxTimestamp(), position, batch.sizeInBytes());
      position += batch.sizeInBytes();
    }
    nextOffset = batches.get(batches.size() - 1).nextOffset();
    size = position;
  }

  /** Batches that can still be appended before an index is full (each adds at most one entry). */
  int indexRoom() {
    return Math.min(offsetIndex.room(), timeIndex.room());
  }

  private void indexBatch(
      long batchBaseOffset, long batchMaxTimestamp, int position, int batchSize) {
    if (batchMaxTimestamp > maxTimestamp) {
      maxTimestamp = batchMaxTimestamp;
      offsetOfMaxTimestamp = batchBaseOffset;
    }
    if (bytesSinceLastIndexEntry >= config.indexIntervalBytes() && position > 0) {
      offsetIndex.append(batchBaseOffset, position);
      timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
      bytesSinceLastIndexEntry = 0;
    }
    bytesSinceLastIndexEntry += batchSize;
  }

  /**
   * Scans the whole file, validating every batch; truncates at the first torn or corrupt batch and
   * rebuilds both indexes.
   *
   * @return bytes truncated (0 when the file was intact)
   */
  long recover() throws IOException {
    boolean writable = offsetIndex.isWritable();
    if (!writable) {
      offsetIndex.unseal();
      timeIndex.unseal();
    }
    offsetIndex.clear();
    timeIndex.clear();
    maxTimestamp = RecordBatch.NO_TIMESTAMP;
    offsetOfMaxTimestamp = -1;
    bytesSinceLastIndexEntry = 0;
    nextOffset = baseOffset;
    long fileSize = channel.size();
    BatchScanner scanner = new BatchScanner(channel, 0, fileSize, maxStoredBatchBytes(config));
    long validBytes;
    String reason;
    while (true) {
      BatchCheck check = scanner.next();
      if (check != BatchCheck.OK) {
        validBytes = scanner.position();
        reason = check.description();
        break;
      }
      RecordBatch batch = scanner.batch();
      // Offsets are contiguous unless compaction removed records (compacted logs only).
      boolean offsetsOk =
          config.cleanupPolicy() == CleanupPolicy.COMPACT
              ? batch.baseOffset() >= nextOffset
              : batch.baseOffset() == nextOffset;
      if (!offsetsOk) {
        validBytes = scanner.batchPosition();
        reason = "batch offset " + batch.baseOffset() + " where " + nextOffset + " was expected";
        break;
      }
      indexBatch(
          batch.baseOffset(),
          batch.maxTimestamp(),
          (int) scanner.batchPosition(),
          batch.sizeInBytes());
      nextOffset = batch.nextOffset();
    }
    long truncated = fileSize - validBytes;
    truncatedByRecovery = truncated > 0;
    if (truncated > 0) {
      log.warn(
          "{}: segment {}: truncated {} bytes at position {} ({}); kept offsets {}..{}",
          dir,
          baseOffset,
          truncated,
          validBytes,
          reason,
          baseOffset,
          nextOffset - 1);
      channel.truncate(validBytes);
      channel.force(true);
    }
    size = (int) validBytes;
    offsetIndex.flush();
    timeIndex.flush();
    if (!writable) {
      seal();
    }
    return truncated;
  }

  /**
   * For a trusted index: finds the tail (next offset, max timestamp) by walking from the last
   * entry.
   */
  private boolean loadTailFromIndex() throws IOException {
    int entries = offsetIndex.entries();
    int position = entries == 0 ? 0 : offsetIndex.positionAt(entries - 1);
    long expectedBase = entries == 0 ? baseOffset : offsetIndex.offsetAt(entries - 1);
    long next = expectedBase;
    long maxTs = timeIndex.lastTimestamp();
    int bytesSinceEntry = 0;
    while (position < size) {
      RecordBatch header = reader.peekHeader(position);
      // A compacted segment may start after its base offset: its first records were removed.
      boolean exactFirst = entries > 0 || config.cleanupPolicy() != CleanupPolicy.COMPACT;
      boolean expected =
          position == (entries == 0 ? 0 : offsetIndex.positionAt(entries - 1))
              ? header != null
                  && (exactFirst
                      ? header.baseOffset() == expectedBase
                      : header.baseOffset() >= expectedBase)
              : header != null && header.baseOffset() >= next;
      if (!expected || header.sizeInBytes() < RecordBatch.HEADER_SIZE) {
        return false;
      }
      if (position + (long) header.sizeInBytes() > size) {
        return false;
      }
      next = header.nextOffset();
      if (header.maxTimestamp() > maxTs) {
        maxTs = header.maxTimestamp();
        offsetOfMaxTimestamp = header.baseOffset();
      }
      bytesSinceEntry += header.sizeInBytes();
      position += header.sizeInBytes();
    }
    if (!timeIndex.isSane(Math.max(next, baseOffset + 1))) {
      return false;
    }
    nextOffset = next;
    maxTimestamp = maxTs;
    bytesSinceLastIndexEntry = bytesSinceEntry;
    return true;
  }

  /** See {@link SegmentReader#read}. */
  LogSlice.FileSlice read(long offset, int maxBytes) throws IOException {
    return reader.read(offset, maxBytes);
  }

  /** See {@link SegmentReader#findByTimestamp}. */
  long[] findByTimestamp(long timestamp) throws IOException {
    return reader.findByTimestamp(timestamp);
  }

  /** See {@link SegmentReader#headerReads}. */
  long headerReads() {
    return reader.headerReads();
  }

  /**
   * Removes every batch whose last offset is >= {@code offset} (truncation happens at batch
   * boundaries). Called by the writer only.
   *
   * @return bytes removed
   */
  synchronized long truncateTo(long offset) throws IOException {
    version++;
    int position = reader.findBatchPosition(offset, size);
    if (position < 0) {
      return 0;
    }
    long removed = size - position;
    // Truncate indexes before the log: a crash in between leaves an index short, never past the log
    // end.
    offsetIndex.truncateToPosition(position);
    long newNext = position == 0 ? baseOffset : lastNextOffsetBefore(position);
    timeIndex.truncateToOffset(newNext);
    offsetIndex.flush();
    timeIndex.flush();
    channel.truncate(position);
    channel.force(true);
    size = position;
    nextOffset = newNext;
    recomputeTail();
    return removed;
  }

  private long lastNextOffsetBefore(int position) throws IOException {
    int from = reader.verifiedIndexPosition(offsetIndex.floorPositionSlot(position - 1));
    long next = baseOffset;
    while (from < position) {
      RecordBatch header = reader.peekHeader(from);
      next = header.nextOffset();
      from += header.sizeInBytes();
    }
    return next;
  }

  /** Recomputes max timestamp and the index interval counter after a truncation. */
  private void recomputeTail() throws IOException {
    maxTimestamp = RecordBatch.NO_TIMESTAMP;
    offsetOfMaxTimestamp = -1;
    int position = 0;
    int sinceEntry = 0;
    int lastIndexed =
        offsetIndex.entries() == 0 ? -1 : offsetIndex.positionAt(offsetIndex.entries() - 1);
    while (position < size) {
      RecordBatch header = reader.peekHeader(position);
      if (header.maxTimestamp() > maxTimestamp) {
        maxTimestamp = header.maxTimestamp();
        offsetOfMaxTimestamp = header.baseOffset();
      }
      sinceEntry = position >= lastIndexed ? sinceEntry + header.sizeInBytes() : 0;
      position += header.sizeInBytes();
    }
    bytesSinceLastIndexEntry = sinceEntry;
  }

  /**
   * Forces the log bytes to disk, not the index pages: an index is rebuilt from the log whenever a
   * crash could have left it behind, so forcing it per group commit would only cost time.
   */
  void flushLog() throws IOException {
    channel.force(false);
  }

  /**
   * Makes the segment read-only (idempotent; skipped once the segment is deleted or closed):
   * records its final max timestamp in the time index, forces the log, and replaces both index
   * files with trimmed copies (so a restart after a crash trusts them).
   */
  void seal() throws IOException {
    seal(true);
  }

  /**
   * {@link #seal()}, forcing the log file only when {@code forceLog}: under {@code sync=never} the
   * log force is deferred ({@link #forceSealed}) so a roll does not push a whole segment to the
   * disk at once. The index files are always replaced durably; they are small.
   */
  synchronized void seal(boolean forceLog) throws IOException {
    if (deleted || !channel.isOpen()) {
      return;
    }
    if (offsetIndex.isWritable() && maxTimestamp >= 0) {
      timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
    }
    if (forceLog) {
      channel.force(true);
    }
    offsetIndex.seal();
    timeIndex.seal();
  }

  /**
   * Forces the log file of a segment sealed without it. Not synchronized: the force may take a
   * while and must not hold up a deletion on the writer.
   *
   * @return false when the segment was deleted or closed meanwhile (nothing left to make durable)
   */
  boolean forceSealed() throws IOException {
    if (deleted) {
      return false;
    }
    try {
      channel.force(true);
      return true;
    } catch (ClosedChannelException e) {
      return false;
    }
  }

  /** Makes a sealed segment active again (after a truncation removed the segments after it). */
  synchronized void unseal() throws IOException {
    version++;
    offsetIndex.unseal();
    timeIndex.unseal();
  }

  /** Seals and closes the files. */
  synchronized void close() throws IOException {
    if (channel.isOpen()) {
      seal();
      channel.close();
    }
  }

  /**
   * Renames the files with a {@code .deleted} suffix, so a restart ignores them, and returns a task
   * that closes and removes them; run it once readers had time to finish.
   */
  synchronized Runnable markDeleted() throws IOException {
    deleted = true;
    Path[] files = SegmentFiles.files(dir, baseOffset);
    Path[] renamed = new Path[files.length];
    for (int i = 0; i < files.length; i++) {
      renamed[i] = files[i].resolveSibling(files[i].getFileName() + SegmentFiles.DELETED_SUFFIX);
      Files.move(files[i], renamed[i], StandardCopyOption.REPLACE_EXISTING);
    }
    return () -> {
      try {
        channel.close();
        for (Path file : renamed) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        log.warn("{}: could not remove deleted segment {}: {}", dir, baseOffset, e.toString());
      }
    };
  }

  @Override
  public String toString() {
    return "LogSegment("
        + dir.getFileName()
        + "/"
        + SegmentFiles.baseName(baseOffset)
        + ", size="
        + size
        + ", nextOffset="
        + nextOffset
        + ")";
  }
}
