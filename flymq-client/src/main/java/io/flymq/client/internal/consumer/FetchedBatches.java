package io.flymq.client.internal.consumer;

import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.errors.FlyMQException;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.record.BatchCheck;
import io.flymq.record.CorruptRecordException;
import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.record.RecordReader;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One partition's record batches from one fetch response, drained a few records at a time by {@code
 * poll}. Batches are checked (CRC included) and decompressed only when draining reaches them, on
 * the polling thread; records are walked with one reused {@link Record} flyweight.
 *
 * <p>Records below the partition's position are skipped: a fetch may return a batch that starts
 * before the fetch offset (docs/protocol.md 2.6), and the position may have moved past records of
 * this buffer. Control batches (transaction markers) are skipped whole. A batch cut short at the
 * end of the buffer ends the data; the next fetch starts at it again.
 *
 * <p>Not thread-safe: only the polling thread touches it.
 */
final class FetchedBatches {
  private final TopicPartition partition;
  private final ByteBuffer records;
  private final RecordBatch batch = new RecordBatch();
  private int nextBatchStart;
  private RecordReader.Cursor cursor;
  private long batchNextOffset;
  private boolean exhausted;

  /**
   * @param partition whose batches these are
   * @param records whole batches, from position 0 of the buffer (read-only view)
   */
  FetchedBatches(TopicPartition partition, ByteBuffer records) {
    this.partition = partition;
    this.records = records.slice();
  }

  /**
   * The offset after the last whole batch in {@code records}, or {@code fallback} when there is no
   * whole batch; reads only batch headers.
   */
  static long nextOffsetOf(ByteBuffer records, long fallback) {
    ByteBuffer view = records.slice();
    RecordBatch header = new RecordBatch();
    long next = fallback;
    int start = 0;
    while (start + RecordBatch.HEADER_SIZE <= view.limit()) {
      header.reset(view, start);
      int size = header.sizeInBytes();
      if (size < RecordBatch.HEADER_SIZE || size > view.limit() - start) {
        break;
      }
      next = Math.max(next, header.nextOffset());
      start += size;
    }
    return next;
  }

  int sizeInBytes() {
    return records.limit();
  }

  boolean exhausted() {
    return exhausted;
  }

  /**
   * Appends up to {@code max} records at or after the partition's position to {@code out} and
   * advances the position past each one (and past skipped batches).
   *
   * @return how many records were appended
   * @throws FlyMQException for a corrupt batch
   * @throws io.flymq.client.consumer.RecordDeserializationException if a deserializer fails; the
   *     position stays at the record that failed
   */
  <K, V> int drain(
      PartitionState state, int max, RecordDecoder<K, V> decoder, List<ConsumerRecord<K, V>> out) {
    int added = 0;
    while (added < max && !exhausted) {
      if (cursor == null) {
        openNextBatch(state);
      } else if (nextRecord()) {
        Record record = cursor.record();
        if (record.offset() >= state.position()) {
          out.add(decoder.decode(partition, record));
          state.advance(record.offset() + 1);
          added++;
        }
      } else {
        // A batch's tail may hold no records (compaction); its next offset is still consumed.
        state.advance(batchNextOffset);
        cursor = null;
      }
    }
    return added;
  }

  private boolean nextRecord() {
    try {
      return cursor.next();
    } catch (CorruptRecordException e) {
      throw corrupt(batch.start(), e.getMessage(), e);
    }
  }

  private void openNextBatch(PartitionState state) {
    int start = nextBatchStart;
    BatchCheck check = RecordBatch.check(records, start, records.limit(), Integer.MAX_VALUE);
    if (check == BatchCheck.TRUNCATED) {
      exhausted = true;
      return;
    }
    if (check != BatchCheck.OK) {
      throw corrupt(start, check.description(), null);
    }
    batch.reset(records, start);
    nextBatchStart = start + batch.sizeInBytes();
    batchNextOffset = batch.nextOffset();
    if (batch.isControl() || batchNextOffset <= state.position()) {
      state.advance(batchNextOffset);
      return;
    }
    try {
      cursor = RecordReader.of(batch).cursor();
    } catch (CorruptRecordException | IllegalStateException e) {
      throw corrupt(start, e.getMessage(), e);
    }
  }

  private FlyMQException corrupt(int start, String problem, Throwable cause) {
    exhausted = true;
    return new FlyMQException(
        ErrorCode.INVALID_RECORD_BATCH,
        "corrupt record batch from " + partition + " at byte " + start + " of a fetch: " + problem,
        "Report it with the broker's logs; seek past the batch to continue reading.",
        false,
        cause);
  }
}
