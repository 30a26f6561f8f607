package io.flymq.server.handler;

import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.storage.log.LogSlice;
import io.flymq.storage.log.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the records of a partition log one by one from an offset, for the v1 per-record reads
 * (CONSUME, FETCH) that convert stored batches at the edge (DESIGN decision 2). Reads whole batches
 * in chunks; the log decrypts them, {@link RecordBatch#records()} decompresses them. Records are
 * views into the chunk just read and stay valid after the scan.
 *
 * <p>Does disk I/O: run it on a reader thread, never on an event loop. Stateless and thread-safe.
 */
final class RecordScanner {
  /** Bytes asked of the log per read; the log returns at least one whole batch regardless. */
  private static final int CHUNK_BYTES = 1 << 20;

  /** What the scan does with what it meets. */
  interface Visitor {
    /** Called for each record at or after the start offset; returns whether to go on. */
    boolean record(Record record);

    /** Called for a control batch (a transaction marker), which holds no data records. */
    default void skipped(long nextOffset) {}
  }

  private RecordScanner() {}

  /**
   * Visits records from {@code from} (at least the log start) until the visitor stops or the log
   * end as it was when the scan began.
   *
   * @throws IOException if the log cannot be read
   */
  static void scan(PartitionLog log, long from, Visitor visitor) throws IOException {
    long end = log.logEndOffset();
    long position = Math.max(from, log.logStartOffset());
    RecordBatch batch = new RecordBatch();
    while (position < end) {
      LogSlice slice = log.read(position, CHUNK_BYTES);
      if (slice.isEmpty()) {
        return;
      }
      ByteBuffer bytes = slice.readAll();
      for (int at = bytes.position(); at < bytes.limit(); at += batch.sizeInBytes()) {
        batch.reset(bytes, at);
        if (batch.isControl()) {
          visitor.skipped(batch.nextOffset());
          continue;
        }
        for (Record record : batch.records()) {
          // The first batch may begin before the offset asked for.
          if (record.offset() >= position && !visitor.record(record)) {
            return;
          }
        }
      }
      position = slice.nextOffset();
    }
  }
}
