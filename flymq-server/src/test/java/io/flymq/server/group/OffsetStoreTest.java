package io.flymq.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.server.log.PartitionManager;
import io.flymq.server.log.ProduceCoalescer;
import io.flymq.server.log.TopicPartition;
import io.flymq.storage.log.LogConfig;
import io.flymq.storage.log.LogIo;
import io.flymq.storage.log.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits reach the log; a new store over the reopened log rebuilds the same map. */
class OffsetStoreTest {
  @TempDir Path dir;
  private final LogIo io = LogIo.create();
  private PartitionLog log;

  @BeforeEach
  void open() throws Exception {
    log = PartitionLog.open(dir, LogConfig.defaults(), io);
  }

  @AfterEach
  void close() throws Exception {
    log.close();
    io.close();
  }

  private OffsetStore store() {
    ProduceCoalescer coalescer = new ProduceCoalescer(log, Clock.systemUTC(), 1 << 20);
    return new OffsetStore(
        List.of(
            new PartitionManager.Partition(
                new TopicPartition(OffsetStore.TOPIC, 0), log, coalescer)),
        Clock.systemUTC());
  }

  private void reopen() throws Exception {
    log.close();
    log = PartitionLog.open(dir, LogConfig.defaults(), io);
  }

  @Test
  void shouldRebuildTheLatestCommitPerSlotAfterReopening() throws Exception {
    OffsetStore store = store();
    OffsetKey orders = new OffsetKey("g1", "orders", 0);
    OffsetKey payments = new OffsetKey("g1", "payments", 2);
    store.commit(orders, 5, Optional.empty()).join();
    store.commit(payments, 9, Optional.of("m")).join();
    store.commit(orders, 3, Optional.empty()).join();

    reopen();
    OffsetStore rebuilt = store();
    int records = rebuilt.rebuild();

    assertThat(records).isEqualTo(3);
    assertThat(rebuilt.committed(orders)).map(CommittedOffset::offset).contains(3L);
    assertThat(rebuilt.committed(payments))
        .map(CommittedOffset::metadata)
        .contains(Optional.of("m"));
    assertThat(rebuilt.groupExists("orders", "g1")).isTrue();
    assertThat(rebuilt.groupExists("orders", "g2")).isFalse();
    assertThat(rebuilt.committed(new OffsetKey("g1", "orders", 1))).isEmpty();
  }

  @Test
  void shouldKeepTheLastCommitWhenManyRaceOnOneSlot() throws Exception {
    OffsetStore store = store();
    OffsetKey key = new OffsetKey("g", "t", 0);
    var futures =
        java.util.stream.LongStream.range(0, 50)
            .mapToObj(i -> store.commit(key, i, Optional.empty()))
            .toList();
    futures.forEach(java.util.concurrent.CompletableFuture::join);

    long live = store.committed(key).orElseThrow().offset();
    reopen();
    OffsetStore rebuilt = store();
    rebuilt.rebuild();

    assertThat(live).isEqualTo(49);
    assertThat(rebuilt.committed(key).orElseThrow().offset()).isEqualTo(live);
  }

  @Test
  void shouldSkipARecordThatDoesNotDecodeAndKeepTheRest() throws Exception {
    OffsetStore store = store();
    new ProduceCoalescer(log, Clock.systemUTC(), 1 << 20)
        .produce(ByteBuffer.wrap(new byte[] {9, 9}), ByteBuffer.wrap(new byte[] {1}))
        .join();
    store.commit(new OffsetKey("g", "t", 0), 1, Optional.empty()).join();

    reopen();
    OffsetStore rebuilt = store();

    assertThat(rebuilt.rebuild()).isEqualTo(1);
    assertThat(rebuilt.committed(new OffsetKey("g", "t", 0))).isPresent();
  }

  @Test
  void shouldMapEveryGroupToAnExistingPartition() {
    OffsetStore store = store();

    assertThat(store.partitionFor("any")).isZero();
    assertThat(store.partitionFor("")).isZero();
  }
}
