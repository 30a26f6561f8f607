package io.flymq.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.record.Record;
import io.flymq.record.RecordBatch;
import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.LogIo;
import io.flymq.storage.log.LogSlice;
import io.flymq.storage.log.PartitionLog;
import io.flymq.storage.log.SyncMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceCoalescerTest {
  @TempDir Path dir;

  private static ByteBuffer text(String value) {
    return ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldCoalesceConcurrentProducesIntoFewerBatchesWithEveryRecordAtItsOffset()
      throws Exception {
    LogConfig config = LogConfig.builder().syncMode(SyncMode.ALWAYS).build();
    try (LogIo io = LogIo.create(2, Clock.systemUTC(), Duration.ZERO);
        PartitionLog log = PartitionLog.open(dir, config, io)) {
      ProduceCoalescer coalescer = new ProduceCoalescer(log, Clock.systemUTC(), 64 * 1024);
      List<CompletableFuture<ProducedRecord>> futures =
          Collections.synchronizedList(new ArrayList<>());
      List<java.util.Map.Entry<String, CompletableFuture<ProducedRecord>>> produces =
          Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        Thread worker =
            new Thread(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    String value = "t" + thread + "-" + i;
                    CompletableFuture<ProducedRecord> future =
                        coalescer.produce(i % 2 == 0 ? null : text("k" + i), text(value));
                    futures.add(future);
                    produces.add(java.util.Map.entry(value, future));
                  }
                });
        threads.add(worker);
        worker.start();
      }
      for (Thread worker : threads) {
        worker.join();
      }
      List<ProducedRecord> produced = futures.stream().map(CompletableFuture::join).toList();

      assertThat(produced.stream().map(ProducedRecord::offset).distinct().count()).isEqualTo(1600);
      assertThat(log.logEndOffset()).isEqualTo(1600);
      assertThat(log.stats().appendedBatches()).isLessThan(1600);
      List<String> stored = new ArrayList<>();
      long offset = 0;
      while (offset < log.logEndOffset()) {
        LogSlice slice = log.read(offset, 1 << 20);
        ByteBuffer bytes = slice.readAll();
        for (int position = 0; position < bytes.limit(); ) {
          RecordBatch batch = RecordBatch.wrap(bytes, position);
          for (Record record : batch.records()) {
            stored.add(StandardCharsets.UTF_8.decode(record.value()).toString());
          }
          position += batch.sizeInBytes();
        }
        offset = slice.nextOffset();
      }
      assertThat(stored).hasSize(1600);
      for (var produce : produces) {
        // The value stored at each acknowledged offset is the one that was produced there.
        assertThat(stored.get((int) produce.getValue().join().offset()))
            .isEqualTo(produce.getKey());
      }
    }
  }

  @Test
  void shouldFailEveryRecordOfABatchTheLogRefuses() throws Exception {
    LogConfig config = LogConfig.builder().syncMode(SyncMode.NEVER).maxBatchBytes(200).build();
    try (LogIo io = LogIo.create(1, Clock.systemUTC(), Duration.ZERO);
        PartitionLog log = PartitionLog.open(dir, config, io)) {
      ProduceCoalescer coalescer = new ProduceCoalescer(log, Clock.systemUTC(), 64 * 1024);

      CompletableFuture<ProducedRecord> tooBig = coalescer.produce(null, ByteBuffer.allocate(1000));
      CompletableFuture<ProducedRecord> fine =
          tooBig.handle((r, e) -> null).thenCompose(x -> coalescer.produce(null, text("small")));

      assertThat(tooBig).failsWithin(Duration.ofSeconds(10));
      assertThat(fine.get().offset()).isZero();
    }
  }
}
