package io.flymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.IsolationLevel;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.server.testing.Batches;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A long-poll FETCH_BATCHES answers only once {@code min_bytes} are there (or at its deadline): an
 * append too small to reach it must not end the wait. Before the fix the first append woke the
 * fetch and it answered with that batch alone.
 */
class LongPollMinBytesIT {
  @RepeatedTest(3)
  void shouldKeepWaitingUntilMinBytesAreAvailable() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient fetcher = broker.connect();
        WireClient producer = broker.connect()) {
      producer.requestV1(new CreateTopicRequest("polls", 1));
      ByteBuffer first = Batches.of("first");
      int minBytes = first.remaining() + 1;
      fetcher.sendV2(
          1,
          new FetchBatchesRequest(
              30_000,
              minBytes,
              1 << 20,
              IsolationLevel.READ_UNCOMMITTED,
              List.of(new FetchBatchesRequest.FetchPartition("polls", 0, 0, 1 << 20))));

      producer.sendV2(2, new ProduceBatchRequest("polls", 0, (short) 1, 5_000, first));
      producer.read();
      producer.sendV2(
          3, new ProduceBatchRequest("polls", 0, (short) 1, 5_000, Batches.of("second")));
      producer.read();

      FetchBatchesResponse fetched = (FetchBatchesResponse) fetcher.read().message();
      List<Batches.Value> values = Batches.values(fetched.partitions().get(0).records(), 0);
      assertThat(values).extracting(Batches.Value::value).containsExactly("first", "second");
    }
  }
}
