package io.flymq.storage.log;

import io.flymq.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of one {@link LogSegment}: how a read finds its bytes in the segment file, through
 * the segment's offset and time indexes and, where they cannot tell, positional reads of batch
 * headers. One per segment, created by it.
 *
 * <p>Thread-safety: any number of reader threads, beside the segment's one writer. A read sees
 * bytes up to the segment's volatile {@link LogSegment#size()} taken once at its start; it reads
 * the segment's volatile size, next offset, version and max timestamp through its accessors and
 * never writes them. The only state here is the thread-local header buffer, the header-read counter
 * and the once-only index damage flag.
 */
final class SegmentReader {
  // Logs under the segment's name, as the segment did before its read side moved here.
  private static final Logger log = LoggerFactory.getLogger(LogSegment.class);

  /** Bytes of a batch header a reader needs: through maxTimestamp. */
  private static final int HEADER_PEEK_BYTES = RecordBatch.MAX_TIMESTAMP_OFFSET + 8;

  private static final ThreadLocal<ByteBuffer> HEADER_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(HEADER_PEEK_BYTES));

  private final LogSegment segment;
  private final Path dir;
  private final long baseOffset;
  private final FileChannel channel;
  private final OffsetIndex offsetIndex;
  private final TimeIndex timeIndex;
  private volatile boolean indexDamageReported;
  private final LongAdder headerReads = new LongAdder();

  SegmentReader(
      LogSegment segment,
      Path dir,
      long baseOffset,
      FileChannel channel,
      OffsetIndex offsetIndex,
      TimeIndex timeIndex) {
    this.segment = segment;
    this.dir = dir;
    this.baseOffset = baseOffset;
    this.channel = channel;
    this.offsetIndex = offsetIndex;
    this.timeIndex = timeIndex;
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
    int visibleSize = segment.size();
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
   * append, and changes it again only by {@link LogSegment#unseal} and {@link
   * LogSegment#truncateTo}, each of which bumps {@code version} before it moves either field. The
   * version read before and after the pair therefore proves the two come from the same state.
   */
  private Boundary sealedEnd(int visibleSize) {
    int versionBefore = segment.version();
    if (offsetIndex.isWritable()) {
      return null;
    }
    long next = segment.nextOffset();
    int end = segment.size();
    return end == visibleSize && segment.version() == versionBefore
        ? new Boundary(end, next)
        : null;
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
  int verifiedIndexPosition(int slot) throws IOException {
    if (slot < 0) {
      return 0;
    }
    int position = offsetIndex.positionAt(slot);
    if (position < segment.size() && matchesEntry(peekHeader(position), slot)) {
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
    if (segment.maxTimestamp() < timestamp) {
      return null;
    }
    long scanFrom = timeIndex.lookupScanStart(timestamp);
    int position = verifiedIndexPosition(offsetIndex.floorSlot(scanFrom));
    int visibleSize = segment.size();
    while (position < visibleSize) {
      RecordBatch header = peekHeader(position);
      if (header.maxTimestamp() >= timestamp) {
        return new long[] {position, header.baseOffset()};
      }
      position += header.sizeInBytes();
    }
    return null;
  }
}
