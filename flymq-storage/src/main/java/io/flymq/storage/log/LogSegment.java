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
import java.util.concurrent.atomic.LongAdder;
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
 * bytes up to the volatile {@link #size()}, which is published after the bytes are written.
 */
final class LogSegment {
  private static final Logger log = LoggerFactory.getLogger(LogSegment.class);

  /** Bytes of a batch header a reader needs: through maxTimestamp. */
  private static final int HEADER_PEEK_BYTES = RecordBatch.MAX_TIMESTAMP_OFFSET + 8;

  private static final ThreadLocal<ByteBuffer> HEADER_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(HEADER_PEEK_BYTES));

  private final Path dir;
  private final long baseOffset;
  private final LogConfig config;
  private final FileChannel channel;
  private final OffsetIndex offsetIndex;
  private final TimeIndex timeIndex;
  private final long createdMs;
  private volatile int size;
  private volatile long nextOffset;
  private volatile long maxTimestamp = RecordBatch.NO_TIMESTAMP;
  private long offsetOfMaxTimestamp = -1;
  private int bytesSinceLastIndexEntry;
  private volatile boolean indexDamageReported;
  private final LongAdder headerReads = new LongAdder();

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
      RecordBatch header = peekHeader(position);
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

  /**
   * Reads the header of the batch at {@code position} into a thread-local buffer, or null if the
   * file is too short. The result is valid until this thread's next peek.
   */
  RecordBatch peekHeader(long position) throws IOException {
    headerReads.increment();
    ByteBuffer header = HEADER_BUFFER.get().clear();
    while (header.hasRemaining()) {
      if (channel.read(header, position + header.position()) < 0) {
        return null;
      }
    }
    return RecordBatch.wrap(header, 0);
  }

  /** Batch headers read so far (each one a system call); tests check which reads need none. */
  long headerReads() {
    return headerReads.sum();
  }

  /** The fields of a batch header a read needs, copied out of the thread's header buffer. */
  private record BatchHeader(int position, long baseOffset, int size, long nextOffset) {}

  /**
   * A batch boundary: the position where a batch starts (or where the segment's bytes end) and the
   * offset a read continues from there.
   */
  private record Boundary(int position, long offset) {}

  /**
   * Position of the first batch whose last offset is >= {@code offset}, searching below {@code
   * visibleSize}; -1 when there is none in this segment.
   */
  int findBatchPosition(long offset, int visibleSize) throws IOException {
    BatchHeader found = seek(offset, visibleSize);
    return found == null ? -1 : found.position();
  }

  /**
   * The first batch whose last offset is >= {@code offset}: from the index entry at or before the
   * offset, walking headers forward. When that entry was loaded from disk and not yet checked, the
   * first header read also checks it (a damaged index on disk then costs a scan from the start,
   * never a wrong answer).
   */
  private BatchHeader seek(long offset, int visibleSize) throws IOException {
    int slot = offsetIndex.floorSlot(offset);
    int position = slot < 0 ? 0 : offsetIndex.positionAt(slot);
    int uncheckedSlot = slot >= 0 && !offsetIndex.isTrusted(slot) ? slot : -1;
    while (position < visibleSize) {
      RecordBatch header = position >= 0 ? peekHeader(position) : null;
      if (uncheckedSlot >= 0) {
        if (!matchesEntry(header, uncheckedSlot)) {
          reportIndexDamage(uncheckedSlot);
          position = 0;
          uncheckedSlot = -1;
          continue;
        }
        offsetIndex.markChecked(uncheckedSlot);
        uncheckedSlot = -1;
      }
      if (header == null || header.sizeInBytes() < RecordBatch.HEADER_SIZE) {
        throw damagedBatch(position);
      }
      if (header.lastOffset() >= offset) {
        return new BatchHeader(
            position, header.baseOffset(), header.sizeInBytes(), header.nextOffset());
      }
      position += header.sizeInBytes();
    }
    return null;
  }

  /**
   * Whole batches from the batch containing {@code offset}, up to {@code maxBytes} (but always at
   * least one batch), or null when no batch at or after the offset is in this segment.
   *
   * <p>The offset index locates the bytes, so the common read reads no batch header (each header
   * read is a system call):
   *
   * <ul>
   *   <li>Start: an index entry for exactly {@code offset} is where its batch starts. A consumer
   *       continues from the offset its previous read ended at, which is such an entry. Any other
   *       offset is found by {@link #seek}.
   *   <li>End: the bytes between two index entries are whole batches. The slice ends at the last
   *       entry at or below {@code start + maxBytes} (or at the end of a sealed segment) and the
   *       next read continues from that entry's offset (in a compacted segment it may skip offsets
   *       that no batch holds). It may thus be short of what fits ({@code maxBytes}, or the rest of
   *       the segment) by less than one index interval plus the batch that does not fit; it never
   *       cuts a batch.
   *   <li>Headers are walked when no entry lies in that range (a first batch larger than {@code
   *       maxBytes}, an index sparser than {@code maxBytes}), and for the unindexed tail of an
   *       active segment when the read reaches the end of it, so it returns every visible batch.
   * </ul>
   *
   * <p>An index entry loaded from disk is checked against the batch header it points at the first
   * time a read relies on it ({@link #isReliable}).
   */
  LogSlice.FileSlice read(long offset, int maxBytes) throws IOException {
    int visibleSize = size;
    Boundary start = indexedStart(offset, visibleSize);
    BatchHeader first = null;
    if (start == null) {
      first = seek(offset, visibleSize);
      if (first == null) {
        return null;
      }
      start = new Boundary(first.position(), first.baseOffset());
    }
    long limit = Math.min((long) start.position() + Math.max(maxBytes, 0), visibleSize);
    Boundary end = indexedEnd(start.position(), limit, visibleSize);
    // Fill with whole batches when the index gave no end, and when the read asks for the rest of
    // the segment: a reader at the end of an active segment must get every visible batch.
    boolean fill = end == null || limit == visibleSize;
    if (end == null) {
      BatchHeader whole = first != null ? first : headerAt(start.position());
      end = new Boundary(whole.position() + whole.size(), whole.nextOffset());
    }
    if (fill) {
      end = wholeBatchesFrom(end, limit);
    }
    return new LogSlice.FileSlice(
        channel, start.position(), end.position() - start.position(), start.offset(), end.offset());
  }

  /**
   * Where the batch with base offset {@code offset} starts, from a reliable index entry; or null.
   */
  private Boundary indexedStart(long offset, int visibleSize) throws IOException {
    int slot = offsetIndex.floorSlot(offset);
    if (slot < 0 || offsetIndex.offsetAt(slot) != offset) {
      return null;
    }
    int position = offsetIndex.positionAt(slot);
    return position < visibleSize && isReliable(slot) ? new Boundary(position, offset) : null;
  }

  /**
   * The furthest batch boundary after {@code start} and at or below {@code limit} known without a
   * header read: the end of a sealed segment, or a reliable index entry; null when there is none.
   */
  private Boundary indexedEnd(int start, long limit, int visibleSize) throws IOException {
    if (limit == visibleSize) {
      Boundary sealedEnd = sealedEnd(visibleSize);
      if (sealedEnd != null) {
        return sealedEnd;
      }
    }
    // At or below the limit: an entry exactly at it means the batches before it end there, and an
    // entry at visibleSize (a batch still being appended) still ends whole batches.
    int slot = offsetIndex.floorPositionSlot((int) limit);
    if (slot < 0 || offsetIndex.positionAt(slot) <= start || !isReliable(slot)) {
      return null;
    }
    return new Boundary(offsetIndex.positionAt(slot), offsetIndex.offsetAt(slot));
  }

  /**
   * The end of the segment as a batch boundary, if the segment is sealed and still {@code
   * visibleSize} long; else null.
   *
   * <p>Once sealed, size and next offset are final: the writer seals a segment only after its last
   * append, and changes it again only by {@link #unseal} and {@link #truncateTo}, each of which
   * bumps {@code version} before it moves either field. The version read before and after the pair
   * therefore proves the two come from the same state.
   */
  private Boundary sealedEnd(int visibleSize) {
    int versionBefore = version;
    if (offsetIndex.isWritable()) {
      return null;
    }
    long next = nextOffset;
    int end = size;
    return end == visibleSize && version == versionBefore ? new Boundary(end, next) : null;
  }

  /** {@code from} extended by the whole batches after it that end at or below {@code limit}. */
  private Boundary wholeBatchesFrom(Boundary from, long limit) throws IOException {
    int position = from.position();
    long next = from.offset();
    while (position < limit) {
      RecordBatch header = peekHeader(position);
      if (header == null
          || header.sizeInBytes() < RecordBatch.HEADER_SIZE
          || position + (long) header.sizeInBytes() > limit) {
        break;
      }
      position += header.sizeInBytes();
      next = header.nextOffset();
    }
    return position == from.position() ? from : new Boundary(position, next);
  }

  private BatchHeader headerAt(int position) throws IOException {
    RecordBatch header = peekHeader(position);
    if (header == null || header.sizeInBytes() < RecordBatch.HEADER_SIZE) {
      throw damagedBatch(position);
    }
    return new BatchHeader(
        position, header.baseOffset(), header.sizeInBytes(), header.nextOffset());
  }

  /**
   * Whether a read may rely on index entry {@code slot}. Entries this process's writer appended
   * (appends, recovery, compaction) are right by construction. An entry loaded from disk at open is
   * checked against the batch header it points at the first time, and remembered when it matches;
   * on a mismatch the damage is reported and the caller reads by headers instead.
   */
  private boolean isReliable(int slot) throws IOException {
    if (offsetIndex.isTrusted(slot)) {
      return true;
    }
    int position = offsetIndex.positionAt(slot);
    if (matchesEntry(position >= 0 ? peekHeader(position) : null, slot)) {
      offsetIndex.markChecked(slot);
      return true;
    }
    reportIndexDamage(slot);
    return false;
  }

  /**
   * Whether {@code header} is a plausible batch with the base offset index entry {@code slot}
   * names.
   */
  private boolean matchesEntry(RecordBatch header, int slot) {
    return header != null
        && header.baseOffset() == offsetIndex.offsetAt(slot)
        && header.sizeInBytes() >= RecordBatch.HEADER_SIZE;
  }

  private IllegalStateException damagedBatch(int position) {
    return new IllegalStateException(
        dir + ": segment " + baseOffset + " has a damaged batch at " + position);
  }

  /**
   * The position of index entry {@code slot} if the batch there has the indexed base offset, else 0
   * (scan from the start). Guards reads against an index damaged on disk, which a structural check
   * at open cannot always see.
   */
  private int verifiedIndexPosition(int slot) throws IOException {
    if (slot < 0) {
      return 0;
    }
    int position = offsetIndex.positionAt(slot);
    if (position < size && matchesEntry(peekHeader(position), slot)) {
      offsetIndex.markChecked(slot);
      return position;
    }
    reportIndexDamage(slot);
    return 0;
  }

  private void reportIndexDamage(int slot) {
    if (!indexDamageReported) {
      indexDamageReported = true;
      log.warn(
          "{}: index entry {} of segment {} does not match the log; reading by scanning. "
              + "Delete the segment's .index file and restart to rebuild it",
          dir,
          slot,
          baseOffset);
    }
  }

  /**
   * Position and base offset of the first batch whose max timestamp is >= {@code timestamp}, or
   * null if there is none in this segment.
   */
  long[] findByTimestamp(long timestamp) throws IOException {
    if (maxTimestamp < timestamp) {
      return null;
    }
    long scanFrom = timeIndex.lookupScanStart(timestamp);
    int position = verifiedIndexPosition(offsetIndex.floorSlot(scanFrom));
    int visibleSize = size;
    while (position < visibleSize) {
      RecordBatch header = peekHeader(position);
      if (header.maxTimestamp() >= timestamp) {
        return new long[] {position, header.baseOffset()};
      }
      position += header.sizeInBytes();
    }
    return null;
  }

  /**
   * Removes every batch whose last offset is >= {@code offset} (truncation happens at batch
   * boundaries). Called by the writer only.
   *
   * @return bytes removed
   */
  synchronized long truncateTo(long offset) throws IOException {
    version++;
    int position = findBatchPosition(offset, size);
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
    int from = verifiedIndexPosition(offsetIndex.floorPositionSlot(position - 1));
    long next = baseOffset;
    while (from < position) {
      RecordBatch header = peekHeader(from);
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
      RecordBatch header = peekHeader(position);
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
