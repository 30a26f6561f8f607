package io.flymq.storage.log;

import io.flymq.record.BatchCheck;
import io.flymq.record.Header;
import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.record.RecordBatchBuilder;
import io.flymq.record.RecordReader;
import io.flymq.record.TimestampType;
import io.flymq.storage.crypto.BatchCipher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Writes the cleaned copy of a group of adjacent sealed segments ({@code <base>.log.cleaned} and
 * its indexes, base = the first source's base offset), given the {@link OffsetMap} of one cleaning.
 * The sources are only read.
 *
 * <p>A record is kept when it has no key, when its offset is at or past {@code mapEnd} (the map
 * does not cover it), or when no later offset of its key is in the map (keys absent from the map
 * are the latest of the already clean part of the log); a kept tombstone is then dropped once the
 * cleaning time reaches its batch's delete horizon. Control batches and transactional batches are
 * copied unchanged: without a transaction index the cleaner cannot tell aborted records from
 * committed ones, so it neither maps nor removes them (safe, merely less compact).
 *
 * <p>A batch whose records are all kept, and which needs no new delete horizon, is copied byte for
 * byte (encrypted or not). Otherwise its kept records are re-encoded at their original offsets
 * (baseOffset = first kept offset), with the same producer id/epoch/base sequence, leader epoch,
 * timestamp type and codec; a batch that keeps a tombstone and had no horizon gets one, {@code now
 * + delete_retention_ms} (KIP-534). A batch left with no records is dropped. Encrypted batches are
 * decrypted to read them and rewritten batches are encrypted again.
 *
 * <p>Not thread-safe: used by the cleaner thread for one cleaning.
 */
final class SegmentCompactor {
  /** Receives each batch of a segment: as stored, and decrypted (the same batch when plain). */
  interface BatchVisitor {
    /**
     * @return false to stop
     */
    boolean visit(RecordBatch stored, RecordBatch plain) throws IOException;
  }

  /** The cleaned copy of one group, sealed and closed, still named {@code .cleaned}. */
  record Cleaned(
      long baseOffset, boolean changed, long recordsRemoved, long bytesBefore, long bytesAfter) {}

  private final Path dir;
  private final LogConfig config;
  private final BatchCipher cipher;
  private final OffsetMap map;
  private final long mapEnd;
  private final long nowMs;
  private long earliestHorizonMs = Long.MAX_VALUE;
  private LogSegment out;
  private boolean changed;
  private long recordsRemoved;

  SegmentCompactor(
      Path dir, LogConfig config, BatchCipher cipher, OffsetMap map, long mapEnd, long nowMs) {
    this.dir = dir;
    this.config = config;
    this.cipher = cipher;
    this.map = map;
    this.mapEnd = mapEnd;
    this.nowMs = nowMs;
  }

  /** Earliest delete horizon of a kept tombstone seen so far, or Long.MAX_VALUE. */
  long earliestHorizonMs() {
    return earliestHorizonMs;
  }

  /** Writes, forces and closes the cleaned copy of {@code sources}; removes it again on failure. */
  Cleaned clean(List<LogSegment> sources) throws IOException {
    long base = sources.get(0).baseOffset();
    out = LogSegment.createCleaned(dir, base, config, nowMs);
    changed = false;
    recordsRemoved = 0;
    boolean written = false;
    try {
      long before = 0;
      for (LogSegment source : sources) {
        before += source.size();
        forEachBatch(source, config, cipher, this::cleanBatch);
      }
      long after = out.size();
      out.close();
      written = true;
      return new Cleaned(base, changed, recordsRemoved, before, after);
    } finally {
      if (!written) {
        try {
          out.close();
        } finally {
          deleteCleaned(dir, base);
        }
      }
    }
  }

  /** Removes the {@code .cleaned} files of {@code baseOffset}, if any. */
  static void deleteCleaned(Path dir, long baseOffset) throws IOException {
    for (Path file : SegmentFiles.files(dir, baseOffset)) {
      Path cleaned = SegmentFiles.withSuffix(file, SegmentFiles.CLEANED_SUFFIX);
      Files.deleteIfExists(cleaned);
      Files.deleteIfExists(SegmentFiles.withSuffix(cleaned, ".tmp"));
    }
  }

  /**
   * Reads every batch of a sealed segment, validating each (CRC included).
   *
   * @throws IllegalStateException when the segment holds a damaged batch
   */
  static void forEachBatch(
      LogSegment segment, LogConfig config, BatchCipher cipher, BatchVisitor visitor)
      throws IOException {
    BatchScanner scanner =
        new BatchScanner(
            segment.channel(), 0, segment.size(), LogSegment.maxStoredBatchBytes(config));
    while (true) {
      BatchCheck check = scanner.next();
      if (check != BatchCheck.OK) {
        if (check == BatchCheck.TRUNCATED && scanner.atEnd()) {
          return;
        }
        throw new IllegalStateException(
            segment
                + ": "
                + check.description()
                + " at position "
                + scanner.position()
                + "; compaction skips this log until the segment is repaired");
      }
      RecordBatch stored = scanner.batch();
      RecordBatch plain =
          stored.isEncrypted() ? RecordBatch.wrap(decrypt(cipher, stored), 0) : stored;
      if (!visitor.visit(stored, plain)) {
        return;
      }
    }
  }

  private static ByteBuffer decrypt(BatchCipher cipher, RecordBatch stored) {
    if (cipher == null) {
      throw new IllegalStateException(
          "batch at offset " + stored.baseOffset() + " is encrypted but the log has no key");
    }
    return cipher.decrypt(stored);
  }

  /** Whether compaction may look at the keys of this batch at all. */
  static boolean isCompactable(RecordBatch plain) {
    return !plain.isControl() && !plain.isTransactional();
  }

  private boolean cleanBatch(RecordBatch stored, RecordBatch plain) throws IOException {
    if (!isCompactable(plain) || plain.baseOffset() >= mapEnd) {
      write(stored);
      return true;
    }
    RecordReader records = plain.records();
    boolean[] keep = new boolean[records.recordCount()];
    int kept = 0;
    long firstKept = -1;
    boolean tombstoneKept = false;
    RecordReader.Cursor cursor = records.cursor();
    for (int i = 0; cursor.next(); i++) {
      Record record = cursor.record();
      keep[i] = retain(record, plain);
      if (keep[i]) {
        if (kept == 0) {
          firstKept = record.offset();
        }
        kept++;
        tombstoneKept |= !record.hasValue();
      }
    }
    recordsRemoved += keep.length - kept;
    boolean needsHorizon = tombstoneKept && !plain.hasDeleteHorizon();
    long horizon =
        plain.hasDeleteHorizon()
            ? plain.baseTimestamp()
            : needsHorizon
                ? saturatedAdd(nowMs, config.deleteRetentionMs())
                : RecordBatch.NO_TIMESTAMP;
    if (tombstoneKept) {
      earliestHorizonMs = Math.min(earliestHorizonMs, horizon);
    }
    if (kept == keep.length && !needsHorizon) {
      write(stored);
      return true;
    }
    changed = true;
    if (kept > 0) {
      write(rebuild(plain, records, keep, firstKept, horizon));
    }
    return true;
  }

  private boolean retain(Record record, RecordBatch batch) {
    if (!record.hasKey() || record.offset() >= mapEnd) {
      return true;
    }
    if (map.get(record.key()) > record.offset()) {
      return false;
    }
    return record.hasValue() || !batch.hasDeleteHorizon() || nowMs < batch.baseTimestamp();
  }

  private RecordBatch rebuild(
      RecordBatch plain, RecordReader records, boolean[] keep, long firstKept, long horizon) {
    RecordBatchBuilder builder =
        new RecordBatchBuilder(plain.sizeInBytes())
            .compression(plain.compression())
            .baseOffset(firstKept)
            .partitionLeaderEpoch(plain.partitionLeaderEpoch())
            .timestampType(plain.timestampType())
            .producer(plain.producerId(), plain.producerEpoch(), plain.baseSequence())
            .deleteHorizon(horizon);
    if (plain.timestampType() == TimestampType.LOG_APPEND_TIME) {
      builder.logAppendTime(plain.maxTimestamp());
    }
    Iterator<Record> iterator = records.iterator();
    for (boolean kept : keep) {
      Record record = iterator.next();
      if (kept) {
        builder.appendWithOffset(
            record.offset(),
            record.timestamp(),
            record.key(),
            record.value(),
            record.headers().toArray(new Header[0]));
      }
    }
    RecordBatch rebuilt = RecordBatch.wrap(builder.build(), 0);
    return cipher == null ? rebuilt : RecordBatch.wrap(cipher.encrypt(rebuilt), 0);
  }

  private void write(RecordBatch batch) throws IOException {
    if (out.isIndexFull()) {
      throw new IllegalStateException(
          out + ": index full while compacting (expected: groups sized to fit)");
    }
    out.append(batch);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
