package io.flymq.storage.log;

import io.flymq.record.BatchCheck;
import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.record.TimestampType;
import io.flymq.storage.crypto.BatchCipher;
import io.flymq.storage.crypto.EncryptionKey;
import io.flymq.storage.crypto.KeyCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: an ordered list of {@link LogSegment}s in one directory, of which the
 * last is active. Appends validate and stamp record batches and complete futures; reads return
 * slices of segment files for zero-copy sends.
 *
 * <p>Threading: {@link #append} validates on the caller's thread (CPU only) and hands the batch to
 * the log's {@link SerialWriter}, which writes, rolls, forces and completes futures on a {@link
 * LogIo} pool thread; so a network thread never waits for the disk. Reads run on the caller's
 * thread and touch only the page cache: the mapped offset index locates a slice, and batch headers
 * are read (positional reads) only where the index cannot tell. Truncation, retention, flush and
 * close also run on the writer, in order with appends. Compaction ({@link #compact}, COMPACT logs
 * only) reads sealed segments and writes their cleaned copies on {@link LogIo}'s cleaner thread,
 * then swaps them in on the writer ({@link LogCleaner}).
 *
 * <p>Durability follows {@link LogConfig#syncMode()} (DESIGN decision 8). Under ALWAYS a future
 * completes only after an fsync covering its batch; concurrent appends share fsyncs.
 *
 * <p>Recovery: without the clean-shutdown marker, {@link #open} validates every batch of the
 * segments from the recovery point on (the active segment, and rolled segments whose background
 * seal had not finished), truncates at the first torn or corrupt batch, drops any later segment and
 * rebuilds the indexes. Segments below the recovery point were forced and sealed durably.
 */
public final class PartitionLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PartitionLog.class);

  private final Path dir;
  private final LogConfig config;
  private final LogIo io;
  private final ConcurrentSkipListMap<Long, LogSegment> segments;
  private final SerialWriter<PendingAppend> writer;

  /** Encrypts batches at rest; null when the log is not encrypted. */
  private final BatchCipher cipher;

  /** Key-based compaction; used only when the cleanup policy is COMPACT. */
  private final LogCleaner cleaner;

  private final List<ScheduledFuture<?>> periodicTasks = new ArrayList<>();
  private final LogStats stats = new LogStats();
  private volatile LogSegment active;
  private volatile long logStartOffset;
  private volatile long logEndOffset;
  private volatile boolean dirty;
  private volatile boolean flushRunning;
  private volatile State state = State.OPEN;
  private volatile Throwable failure;
  private int defaultLeaderEpoch;

  /** Background seals of rolled segments, in roll order; touched by the writer only. */
  private CompletableFuture<Void> pendingSeals = CompletableFuture.completedFuture(null);

  private enum State {
    OPEN,
    CLOSED,
    FAILED
  }

  /** A validated batch waiting for the writer. */
  private record PendingAppend(
      RecordBatch batch,
      int leaderEpoch,
      long logAppendTimeMs,
      boolean force,
      CompletableFuture<AppendResult> future) {}

  private PartitionLog(
      Path dir,
      LogConfig config,
      LogIo io,
      ConcurrentSkipListMap<Long, LogSegment> segments,
      BatchCipher cipher) {
    this.dir = dir;
    this.cipher = cipher;
    this.config = config;
    this.io = io;
    this.segments = segments;
    this.active = segments.lastEntry().getValue();
    this.logStartOffset = segments.firstKey();
    this.logEndOffset = active.nextOffset();
    this.writer = new SerialWriter<>(io.writers(), PendingAppend.class, this::writeGroup);
    this.cleaner = new LogCleaner(this, config, io, cipher);
  }

  /** Opens an unencrypted log; see {@link #open(Path, LogConfig, LogIo, Optional)}. */
  public static PartitionLog open(Path dir, LogConfig config, LogIo io) throws IOException {
    return open(dir, config, io, Optional.empty());
  }

  /**
   * Opens (creating if needed) the log in {@code dir}, recovering it after an unclean shutdown.
   * Damaged data never makes this throw: it is truncated and reported in the log.
   *
   * <p>With a key, batches are encrypted at rest (AES-256-GCM) and decrypted by {@link #read}; the
   * directory's key-check file binds it to that key.
   *
   * @throws io.flymq.storage.crypto.EncryptionKeyMismatchException when the directory was written
   *     with another key; {@link io.flymq.storage.crypto.EncryptionKeyMissingException} when it is
   *     encrypted and no key is given
   * @throws IOException when the directory cannot be read or written at all
   */
  public static PartitionLog open(Path dir, LogConfig config, LogIo io, Optional<EncryptionKey> key)
      throws IOException {
    Files.createDirectories(dir);
    if (key.isPresent()) {
      KeyCheck.verifyOrCreate(dir, key.get());
    } else {
      KeyCheck.verifyUnencrypted(dir);
    }
    Path marker = dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE);
    boolean clean = Files.exists(marker);
    long recoveryPoint = RecoveryPoint.read(dir);
    ConcurrentSkipListMap<Long, LogSegment> segments =
        new SegmentLoader(dir, config, io.clock()).load(clean, recoveryPoint);
    PartitionLog partitionLog =
        new PartitionLog(dir, config, io, segments, key.map(BatchCipher::new).orElse(null));
    // The marker must not survive while the log is open: a crash now must trigger recovery.
    Files.deleteIfExists(marker);
    SegmentFiles.syncDirectory(dir);
    partitionLog.schedulePeriodicTasks();
    log.debug(
        "{}: opened ({} segments, offsets {}..{}, {} shutdown)",
        dir,
        segments.size(),
        partitionLog.logStartOffset,
        partitionLog.logEndOffset,
        clean ? "clean" : "unclean");
    return partitionLog;
  }

  private void schedulePeriodicTasks() {
    if (config.syncMode() == SyncMode.INTERVAL) {
      periodicTasks.add(
          io.scheduler()
              .scheduleWithFixedDelay(
                  this::flushIfDirty,
                  config.syncIntervalMs(),
                  config.syncIntervalMs(),
                  TimeUnit.MILLISECONDS));
    }
    long retentionMs = io.retentionCheckInterval().toMillis();
    if (retentionMs > 0) {
      periodicTasks.add(
          io.scheduler()
              .scheduleWithFixedDelay(
                  this::applyRetention, retentionMs, retentionMs, TimeUnit.MILLISECONDS));
    }
    long compactionMs = io.compactionCheckInterval().toMillis();
    if (config.cleanupPolicy() == CleanupPolicy.COMPACT && compactionMs > 0) {
      periodicTasks.add(
          io.scheduler()
              .scheduleWithFixedDelay(
                  cleaner::maybeCompact, compactionMs, compactionMs, TimeUnit.MILLISECONDS));
    }
  }

  public Path dir() {
    return dir;
  }

  public LogConfig config() {
    return config;
  }

  /** First offset still in the log. */
  public long logStartOffset() {
    return logStartOffset;
  }

  /** Offset the next appended record will get. */
  public long logEndOffset() {
    return logEndOffset;
  }

  /** Total bytes of all segments. */
  public long sizeInBytes() {
    long total = 0;
    for (LogSegment segment : segments.values()) {
      total += segment.size();
    }
    return total;
  }

  /** Append and fsync counters. */
  public LogStats stats() {
    return stats;
  }

  public int segmentCount() {
    return segments.size();
  }

  /** Base offsets of the segments, oldest first (for tools and tests). */
  public List<Long> segmentBaseOffsets() {
    return List.copyOf(segments.keySet());
  }

  /** Leader epoch stamped by {@link #append(ByteBuffer)}. */
  public void setLeaderEpoch(int leaderEpoch) {
    this.defaultLeaderEpoch = leaderEpoch;
  }

  /** Appends one batch with the current leader epoch; see {@link #append(ByteBuffer, int)}. */
  public CompletableFuture<AppendResult> append(ByteBuffer batch) {
    return append(batch, defaultLeaderEpoch);
  }

  /**
   * Appends the one record batch between the buffer's position and limit. The batch is validated
   * here (magic, size, record count, CRC); the writer then stamps its base offset and leader epoch
   * (and, for LOG_APPEND_TIME logs, the append time) by rewriting header fields only. The log owns
   * the buffer until the future completes.
   *
   * @return a future completed with the assigned offsets once the batch is written (and, under
   *     {@link SyncMode#ALWAYS}, forced to disk); completed exceptionally with {@link
   *     InvalidRecordBatchException}, {@link LogClosedException} or {@link LogFailedException}
   */
  public CompletableFuture<AppendResult> append(ByteBuffer batch, int leaderEpoch) {
    return append(batch, leaderEpoch, false);
  }

  /**
   * {@link #append(ByteBuffer)}, forced to disk before the future completes whatever the log's sync
   * mode (for a producer that asked for acks=all). The fsync is the group commit's: appends written
   * in the same group share it, as under {@link SyncMode#ALWAYS}.
   */
  public CompletableFuture<AppendResult> appendAndForce(ByteBuffer batch) {
    return append(batch, defaultLeaderEpoch, true);
  }

  private CompletableFuture<AppendResult> append(ByteBuffer batch, int leaderEpoch, boolean force) {
    if (state != State.OPEN) {
      return CompletableFuture.failedFuture(stateException());
    }
    if (batch.isReadOnly()) {
      // The writer stamps offsets in place; failing here keeps a caller's mistake from failing the
      // log.
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "batch buffer is read-only (expected: a writable buffer the log may stamp offsets into)"));
    }
    int start = batch.position();
    BatchCheck check = RecordBatch.check(batch, start, batch.limit(), config.maxBatchBytes());
    if (check != BatchCheck.OK) {
      return CompletableFuture.failedFuture(
          new InvalidRecordBatchException(
              check, "size " + batch.remaining() + ", max_batch_bytes " + config.maxBatchBytes()));
    }
    RecordBatch view = RecordBatch.wrap(batch, start);
    if (view.sizeInBytes() != batch.remaining()) {
      return CompletableFuture.failedFuture(
          new InvalidRecordBatchException(
              BatchCheck.BAD_LENGTH,
              "buffer holds "
                  + batch.remaining()
                  + " bytes but the batch is "
                  + view.sizeInBytes()
                  + "; append one batch at a time"));
    }
    if (view.isEncrypted()) {
      return CompletableFuture.failedFuture(
          new InvalidRecordBatchException(
              BatchCheck.BAD_MAGIC, "attribute bit 7 (encrypted) is reserved for the broker"));
    }
    long appendTime = -1;
    if (config.timestampType() == TimestampType.LOG_APPEND_TIME) {
      appendTime = io.clock().millis();
      view.stampLogAppendTime(appendTime);
    }
    if (cipher != null) {
      // Encrypt on the caller's thread: it is CPU work, and the header fields the writer stamps
      // later (base offset, leader epoch) are outside the cipher's authenticated data.
      view = RecordBatch.wrap(cipher.encrypt(view), 0);
    }
    CompletableFuture<AppendResult> future = new CompletableFuture<>();
    writer.submitAppend(new PendingAppend(view, leaderEpoch, appendTime, force, future));
    return future;
  }

  /** Writes a group of appends, forces them if the sync mode says so, then completes them. */
  private void writeGroup(List<PendingAppend> group) {
    List<AppendResult> results = new ArrayList<>(group.size());
    boolean force = config.syncMode() == SyncMode.ALWAYS;
    try {
      int next = 0;
      while (next < group.size() && state == State.OPEN) {
        next = writeRun(group, next, results);
      }
      for (int i = 0; i < results.size(); i++) {
        force |= group.get(i).force();
      }
      if (!results.isEmpty() && force) {
        active.flushLog();
        stats.recordFsync();
      } else if (!results.isEmpty()) {
        // Marked only now, and only for unforced groups: a forced group is on disk before anyone
        // could see the flag, so the interval flusher never forces the same bytes again.
        dirty = true;
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      results.clear();
    }
    for (int i = 0; i < group.size(); i++) {
      PendingAppend append = group.get(i);
      if (i < results.size()) {
        append.future().complete(results.get(i));
      } else {
        append.future().completeExceptionally(stateException());
      }
    }
  }

  /**
   * Stamps and writes the appends from {@code from} on that fit in the active segment (rolling
   * first when the first does not), with one gathering write: one system call for the run instead
   * of one per batch.
   *
   * @return the index in {@code group} after the last append written
   */
  private int writeRun(List<PendingAppend> group, int from, List<AppendResult> results)
      throws IOException {
    maybeRoll(group.get(from).batch().sizeInBytes());
    LogSegment segment = active;
    int indexRoom = segment.indexRoom();
    long segmentSize = segment.size();
    long offset = logEndOffset;
    List<RecordBatch> run = new ArrayList<>(group.size() - from);
    for (int i = from; i < group.size() && run.size() < indexRoom; i++) {
      PendingAppend append = group.get(i);
      RecordBatch batch = append.batch();
      if (!run.isEmpty() && segmentSize + batch.sizeInBytes() > config.segmentBytes()) {
        break;
      }
      batch.setBaseOffset(offset);
      batch.setPartitionLeaderEpoch(append.leaderEpoch());
      offset = batch.nextOffset();
      segmentSize += batch.sizeInBytes();
      run.add(batch);
    }
    segment.append(run);
    for (int i = 0; i < run.size(); i++) {
      RecordBatch batch = run.get(i);
      stats.recordAppend(batch.sizeInBytes());
      results.add(
          new AppendResult(
              batch.baseOffset(),
              batch.lastOffset(),
              group.get(from + i).logAppendTimeMs(),
              logStartOffset));
    }
    logEndOffset = offset;
    return from + run.size();
  }

  private void maybeRoll(int nextBatchSize) throws IOException {
    LogSegment current = active;
    if (current.isEmpty()) {
      return;
    }
    boolean full = (long) current.size() + nextBatchSize > config.segmentBytes();
    boolean old = io.clock().millis() - current.createdMs() >= config.segmentMs();
    if (full || old || current.isIndexFull()) {
      roll();
    }
  }

  /**
   * Starts a new active segment at the log end and seals the previous one in the background:
   * forcing a segment of up to {@code segment_bytes} must not stall appends. The recovery point
   * moves past it once it is sealed and forced; under {@code sync=never} the force waits {@code
   * seal_force_delay_ms} (see {@link #scheduleDeferredForce}).
   */
  private void roll() throws IOException {
    LogSegment previous = active;
    LogSegment next = LogSegment.create(dir, logEndOffset, config, io.clock().millis());
    segments.put(next.baseOffset(), next);
    active = next;
    stats.recordRoll();
    long sealedUpTo = next.baseOffset();
    boolean forceNow = config.syncMode() != SyncMode.NEVER;
    pendingSeals =
        pendingSeals.thenRunAsync(
            () -> sealInBackground(previous, sealedUpTo, forceNow), io.sealers());
    if (!forceNow) {
      scheduleDeferredForce(previous, sealedUpTo);
    }
    log.debug("{}: rolled segment {} -> {}", dir, previous.baseOffset(), next.baseOffset());
  }

  private void sealInBackground(LogSegment segment, long sealedUpTo, boolean force) {
    try {
      segment.seal(force);
      if (force) {
        stats.recordFsync();
        RecoveryPoint.write(dir, sealedUpTo);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /**
   * Under {@code sync=never}, forces a sealed segment {@code seal_force_delay_ms} after its roll
   * and only then moves the recovery point past it. Forcing at the roll, as the other modes do,
   * would write the whole segment to the disk at once, competing with appends for the disk and for
   * the CPU the kernel spends on writeback; after the delay the kernel has usually written the
   * pages back already, and a segment that retention or truncation removed meanwhile is never
   * forced at all. A crash before the force only makes recovery rescan the segment.
   *
   * <p>Forces are queued behind the pending seals, in roll order, so the recovery point only ever
   * covers forced segments. One is skipped when its segment left the log, became active again
   * (truncation) or was replaced by compaction, whose copies are forced when written.
   */
  private void scheduleDeferredForce(LogSegment segment, long sealedUpTo) {
    int version = segment.version();
    io.scheduler()
        .schedule(
            () ->
                onWriter(
                    () -> {
                      boolean stillSealed =
                          segments.get(segment.baseOffset()) == segment
                              && segment != active
                              && segment.version() == version;
                      if (stillSealed) {
                        pendingSeals =
                            pendingSeals.thenRunAsync(
                                () -> forceSealed(segment, sealedUpTo), io.sealers());
                      }
                      return null;
                    }),
            config.sealForceDelayMs(),
            TimeUnit.MILLISECONDS);
  }

  private void forceSealed(LogSegment segment, long sealedUpTo) {
    try {
      if (segment.forceSealed()) {
        stats.recordFsync();
        RecoveryPoint.write(dir, sealedUpTo);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** Waits for background seals (writer only: before work that touches sealed segments). */
  private void awaitPendingSeals() {
    pendingSeals.join();
  }

  /**
   * Whole batches of one segment starting with the batch that contains {@code offset}, up to {@code
   * maxBytes} (at least one batch, even a larger one, so a consumer always progresses). Runs on the
   * caller's thread.
   *
   * <p>The slice ends where the segment's offset index says a batch starts, so it may hold up to
   * about one {@code index_interval_bytes} less than {@code maxBytes} would allow; it never cuts a
   * batch, and a read that reaches the end of a segment returns all of it. A reader that continues
   * from each slice's {@link LogSlice#nextOffset()} thus finds its bytes through the mapped index
   * alone, without reading batch headers from the file (see docs/storage-format.md).
   *
   * @return an empty slice when {@code offset} is the log end offset
   * @throws OffsetOutOfRangeException when the offset is before the log start or after the end
   */
  public LogSlice read(long offset, int maxBytes) throws IOException {
    checkReadable();
    long end = logEndOffset;
    long start = logStartOffset;
    if (offset < start || offset > end) {
      throw new OffsetOutOfRangeException(offset, start, end);
    }
    Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
    if (entry == null) {
      entry = segments.firstEntry();
    }
    for (LogSegment segment : segments.tailMap(entry.getKey(), true).values()) {
      LogSlice.FileSlice slice = segment.read(offset, maxBytes);
      if (slice != null) {
        return cipher == null ? slice : decrypt(slice);
      }
    }
    return LogSlice.empty();
  }

  /** Decrypted copies of the batches of a slice: encrypted bytes never leave the log. */
  private LogSlice decrypt(LogSlice.FileSlice slice) throws IOException {
    ByteBuffer stored = slice.readAll();
    List<ByteBuffer> plain = new ArrayList<>();
    int total = 0;
    RecordBatch batch = new RecordBatch();
    for (int position = 0; position < stored.limit(); position += batch.sizeInBytes()) {
      batch.reset(stored, position);
      ByteBuffer decrypted = batch.isEncrypted() ? cipher.decrypt(batch) : batch.slice();
      plain.add(decrypted);
      total += decrypted.remaining();
    }
    ByteBuffer out = ByteBuffer.allocate(total);
    plain.forEach(out::put);
    return new LogSlice.BufferSlice(out.flip(), slice.firstBatchOffset(), slice.nextOffset());
  }

  /** Whether batches are encrypted at rest (reads then return buffers, not file regions). */
  public boolean isEncrypted() {
    return cipher != null;
  }

  /**
   * The first record whose timestamp is >= {@code timestampMs}: its offset and timestamp, found
   * through the time index and then by decoding the one batch that holds it. Empty when every
   * record is older.
   */
  public Optional<TimestampOffset> offsetForTimestamp(long timestampMs) throws IOException {
    checkReadable();
    for (LogSegment segment : segments.values()) {
      long[] found = segment.findByTimestamp(timestampMs);
      if (found == null) {
        continue;
      }
      LogSlice slice = read(Math.max(found[1], logStartOffset), 1);
      RecordBatch batch = RecordBatch.wrap(slice.readAll(), 0);
      for (Record record : batch.records()) {
        if (record.timestamp() >= timestampMs && record.offset() >= logStartOffset) {
          return Optional.of(new TimestampOffset(record.offset(), record.timestamp()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Removes every batch whose last offset is >= {@code offset}, for replicas whose tail diverged.
   * Truncation is by whole batches: the new log end offset is the base offset of the first removed
   * batch (or unchanged when nothing is removed). An offset below the log start empties the log and
   * restarts it at {@code offset}.
   */
  public CompletableFuture<Long> truncateTo(long offset) {
    return onWriter(
        () -> {
          truncateOnWriter(offset);
          return logEndOffset;
        });
  }

  private void truncateOnWriter(long offset) throws IOException {
    if (offset >= logEndOffset) {
      return;
    }
    awaitPendingSeals();
    if (offset <= logStartOffset) {
      for (LogSegment segment : List.copyOf(segments.values())) {
        deleteSegment(segment);
      }
      RecoveryPoint.write(dir, offset);
      LogSegment fresh = LogSegment.create(dir, offset, config, io.clock().millis());
      segments.put(offset, fresh);
      active = fresh;
      logStartOffset = offset;
      logEndOffset = offset;
      log.info("{}: truncated fully; log restarts at offset {}", dir, offset);
      return;
    }
    LogSegment floor = segments.floorEntry(offset).getValue();
    for (LogSegment later : List.copyOf(segments.tailMap(floor.baseOffset(), false).values())) {
      deleteSegment(later);
    }
    if (floor != active) {
      // The segment becomes active (unsealed) again: move the recovery point back first, so a
      // crash from here on rescans it.
      RecoveryPoint.write(dir, floor.baseOffset());
      floor.unseal();
      active = floor;
    }
    long removed = floor.truncateTo(offset);
    logEndOffset = floor.nextOffset();
    log.info(
        "{}: truncated to offset {} ({} bytes removed from segment {})",
        dir,
        logEndOffset,
        removed,
        floor.baseOffset());
  }

  /**
   * Deletes closed segments past the retention time or size (never for compacted logs), and an
   * expired active segment by rolling it first.
   *
   * @return a future of the number of segments deleted
   */
  public CompletableFuture<Integer> applyRetention() {
    return onWriter(
        () -> {
          if (config.cleanupPolicy() != CleanupPolicy.DELETE) {
            return 0;
          }
          long now = io.clock().millis();
          LogSegment current = active;
          if (!current.isEmpty() && RetentionPolicy.isExpired(current, config, now)) {
            roll();
          }
          List<LogSegment> expired =
              RetentionPolicy.deletable(List.copyOf(segments.values()), active, config, now);
          for (LogSegment segment : expired) {
            deleteSegment(segment);
          }
          if (!expired.isEmpty()) {
            logStartOffset = segments.firstKey();
            log.info(
                "{}: retention deleted {} segments; log start offset is now {}",
                dir,
                expired.size(),
                logStartOffset);
          }
          return expired.size();
        });
  }

  private void deleteSegment(LogSegment segment) throws IOException {
    segments.remove(segment.baseOffset());
    scheduleRemoval(segment.markDeleted());
  }

  /** Unlinking a large file takes time too: never on the writer, even without a delay. */
  private void scheduleRemoval(Runnable removal) {
    io.scheduler().schedule(removal, config.fileDeleteDelayMs(), TimeUnit.MILLISECONDS);
  }

  /**
   * Compacts the sealed segments now, whatever their dirty ratio (Kafka's log compaction; see
   * {@link LogCleaner}): keeps the latest record of each key, records without a key, and tombstones
   * until their delete horizon. Offsets never change. Runs on the cleaner thread; appends go on.
   *
   * @return a future of what was cleaned; failed with {@link IllegalStateException} when the
   *     cleanup policy is not COMPACT, or with the I/O or corruption error that stopped the
   *     cleaning (the log is then unchanged, or changed by whole swapped groups)
   */
  public CompletableFuture<CompactionResult> compact() {
    return cleaner.compact();
  }

  /** For compaction and tests: the sealed segments, oldest first (a snapshot). */
  List<LogSegment> sealedSegments() {
    return List.copyOf(segments.headMap(active.baseOffset(), false).values());
  }

  LogCleaner cleaner() {
    return cleaner;
  }

  /** Makes the files of cleaned copies the segments of the log; see {@link LogCleaner}. */
  interface SegmentSwap {
    /**
     * @return the new segment, or null to give up; adds the old segments' file removals
     */
    LogSegment swap(List<Runnable> removals) throws IOException;
  }

  /**
   * On the writer: replaces {@code sources} (adjacent sealed segments) with the segment {@code
   * swap} returns, if they are still the log's sealed segments.
   *
   * @return a future of false when they are not (retention or truncation ran meanwhile)
   */
  CompletableFuture<Boolean> replaceSegments(List<LogSegment> sources, SegmentSwap swap) {
    return onWriter(
        () -> {
          for (LogSegment source : sources) {
            if (segments.get(source.baseOffset()) != source || source == active) {
              return false;
            }
          }
          List<Runnable> removals = new ArrayList<>();
          LogSegment cleaned = swap.swap(removals);
          if (cleaned == null) {
            return false;
          }
          segments.put(cleaned.baseOffset(), cleaned);
          for (LogSegment source : sources) {
            segments.remove(source.baseOffset(), source);
          }
          removals.forEach(this::scheduleRemoval);
          return true;
        });
  }

  /**
   * The periodic fsync of {@code sync=interval}. It runs beside the writer, not on it: forcing a
   * file is safe while another thread appends to it, and appends must not wait a whole fsync every
   * interval. A segment rolled meanwhile is forced by its seal; a closed one by its close.
   */
  private void flushIfDirty() {
    if (dirty && state == State.OPEN && !flushRunning) {
      dirty = false;
      flushRunning = true;
      LogSegment segment = active;
      io.flushers()
          .execute(
              () -> {
                try {
                  segment.flushLog();
                  stats.recordFsync();
                } catch (java.nio.channels.ClosedChannelException e) {
                  // Closed by a seal, retention or shutdown, each of which forces it itself.
                } catch (IOException e) {
                  fail(e);
                } finally {
                  flushRunning = false;
                }
              });
    }
  }

  /**
   * Finishes queued appends, forces and closes every segment, and writes the clean-shutdown marker
   * so the next open skips recovery. Blocks until done; idempotent.
   */
  @Override
  public void close() throws IOException {
    if (state == State.CLOSED) {
      return;
    }
    periodicTasks.forEach(task -> task.cancel(false));
    boolean wasOpen = state == State.OPEN;
    try {
      onWriter(
              () -> {
                state = State.CLOSED;
                pendingSeals.exceptionally(e -> null).join();
                for (LogSegment segment : segments.values()) {
                  segment.close();
                }
                if (wasOpen) {
                  RecoveryPoint.write(dir, active.baseOffset());
                  Files.createFile(dir.resolve(SegmentFiles.CLEAN_SHUTDOWN_FILE));
                  SegmentFiles.syncDirectory(dir);
                }
                return null;
              })
          .join();
    } catch (RuntimeException e) {
      state = State.CLOSED;
      throw new IOException(dir + ": close failed; the next open will recover the log", e);
    }
  }

  /** Closes the log and removes its directory. */
  public void delete() throws IOException {
    close();
    try (var files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private interface WriterTask<T> {
    T run() throws IOException;
  }

  private <T> CompletableFuture<T> onWriter(WriterTask<T> task) {
    CompletableFuture<T> future = new CompletableFuture<>();
    if (state == State.CLOSED) {
      future.completeExceptionally(stateException());
      return future;
    }
    writer.submit(
        () -> {
          if (state == State.FAILED) {
            future.completeExceptionally(stateException());
            return;
          }
          try {
            future.complete(task.run());
          } catch (IOException | RuntimeException e) {
            if (e instanceof StorageException) {
              future.completeExceptionally(e);
            } else {
              fail(e);
              future.completeExceptionally(stateException());
            }
          }
        });
    return future;
  }

  private void fail(Throwable cause) {
    if (state == State.OPEN) {
      failure = cause;
      state = State.FAILED;
      log.error("{}: I/O failure; the log refuses writes until the broker restarts", dir, cause);
    }
  }

  private void checkReadable() {
    if (state == State.CLOSED) {
      throw new LogClosedException(dir.toString());
    }
  }

  private StorageException stateException() {
    return state == State.FAILED
        ? new LogFailedException(dir.toString(), failure)
        : new LogClosedException(dir.toString());
  }

  @Override
  public String toString() {
    return "PartitionLog(" + dir + ", offsets " + logStartOffset + ".." + logEndOffset + ")";
  }
}
