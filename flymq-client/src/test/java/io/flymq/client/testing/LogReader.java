package io.flymq.client.testing;

import io.flymq.client.FlyMQClient;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.IsolationLevel;
import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.record.RecordReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a partition back through FETCH_BATCHES, independently of the consumer, so producer tests
 * check what the broker stored.
 */
public final class LogReader {
  private LogReader() {}

  /** One stored record: offset, key and value as UTF-8 (null when absent), timestamp. */
  public record Stored(long offset, String key, String value, long timestamp, int headerCount) {}

  /** Every record of the partition from offset 0 to its high watermark. */
  public static List<Stored> readAll(FlyMQClient client, String topic, int partition) {
    List<Stored> out = new ArrayList<>();
    long next = 0;
    while (true) {
      FetchBatchesResponse response =
          FlyMQClient.await(
              client.fetchBatchesAsync(
                  new FetchBatchesRequest(
                      0,
                      0,
                      8 << 20,
                      IsolationLevel.READ_UNCOMMITTED,
                      List.of(
                          new FetchBatchesRequest.FetchPartition(
                              topic, partition, next, 8 << 20)))));
      FetchBatchesResponse.PartitionRecords records = response.partitions().get(0);
      ByteBuffer buffer = records.records();
      if (!buffer.hasRemaining()) {
        return out;
      }
      int position = buffer.position();
      while (position < buffer.limit()) {
        RecordBatch batch = RecordBatch.wrap(buffer, position);
        for (Record record : RecordReader.of(batch)) {
          if (record.offset() >= next) {
            out.add(
                new Stored(
                    record.offset(),
                    record.hasKey() ? utf8(record.key()) : null,
                    record.hasValue() ? utf8(record.value()) : null,
                    record.timestamp(),
                    record.headerCount()));
          }
        }
        next = Math.max(next, batch.baseOffset() + batch.lastOffsetDelta() + 1);
        position += batch.sizeInBytes();
      }
      if (next >= records.highWatermark()) {
        return out;
      }
    }
  }

  private static String utf8(ByteBuffer bytes) {
    return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
  }
}
