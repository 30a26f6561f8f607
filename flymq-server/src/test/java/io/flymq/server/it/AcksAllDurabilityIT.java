package io.flymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.server.log.TopicPartition;
import io.flymq.server.testing.Batches;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import io.flymq.storage.log.LogStats;
import org.junit.jupiter.api.Test;

/**
 * PRODUCE_BATCH with acks=all is answered only after an fsync, even when the broker's own sync mode
 * never forces (FlyMQ's meaning of acks=all); acks=1 is not forced.
 */
class AcksAllDurabilityIT {
  @Test
  void shouldForceAcksAllBatchesAndOnlyThose() throws Exception {
    try (TestBroker broker = TestBroker.start(settings -> settings.put("storage.sync", "never"));
        WireClient client = broker.connect()) {
      client.requestV1(new CreateTopicRequest("durable", 1));
      LogStats stats =
          broker
              .broker()
              .runtime()
              .partitions()
              .partition(new TopicPartition("durable", 0))
              .log()
              .stats();

      produce(client, 1, ProduceBatchRequest.ACKS_LEADER);
      assertThat(stats.fsyncs()).isZero();

      produce(client, 2, ProduceBatchRequest.ACKS_ALL);
      assertThat(stats.fsyncs()).isEqualTo(1);
    }
  }

  private static void produce(WireClient client, int correlationId, short acks) throws Exception {
    client.sendV2(
        correlationId, new ProduceBatchRequest("durable", 0, acks, 30_000, Batches.of("v")));
    assertThat(client.read().expect(ProduceBatchResponse.class).errorCode())
        .isEqualTo(ErrorCode.NONE);
  }
}
