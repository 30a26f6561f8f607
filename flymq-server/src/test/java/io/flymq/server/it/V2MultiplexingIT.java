package io.flymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest.FetchPartition;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.IsolationLevel;
import io.flymq.protocol.message.batch.ProduceBatchRequest;
import io.flymq.protocol.message.batch.ProduceBatchResponse;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.protocol.message.version.ApiVersionsResponse;
import io.flymq.protocol.message.version.ApiVersionsResponse.ApiVersion;
import io.flymq.record.RecordBatch;
import io.flymq.server.testing.Batches;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * v2 multiplexing over one real connection (docs/protocol.md 2.2): a long-polling FETCH_BATCHES
 * does not hold back a PRODUCE_BATCH sent after it, responses echo correlation ids, and the parked
 * fetch is answered with the produced batch.
 */
class V2MultiplexingIT {
  private static final int ONE_MIB = 1 << 20;
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  // Repeated: the produce races the parked fetch's wake-up on the broker; every interleaving must
  // still wake the fetch and deliver the batch.
  @RepeatedTest(10)
  void shouldAnswerAProduceBatchWhileAnEarlierLongPollFetchWaitsAndThenWakeTheFetch(
      RepetitionInfo repetition) throws Exception {
    String topic = "mux-" + repetition.getCurrentRepetition();
    try (WireClient client = broker.connect()) {
      assertThat(client.requestV1(new CreateTopicRequest(topic, 2)).message())
          .isEqualTo(new AckResponse(Opcode.CREATE_TOPIC, true));
      ByteBuffer elsewhere = Batches.of("to partition 1");
      ByteBuffer batch = Batches.of("first", "second", "third");

      client.sendV2(
          101,
          new FetchBatchesRequest(
              5_000,
              1,
              ONE_MIB,
              IsolationLevel.READ_UNCOMMITTED,
              List.of(new FetchPartition(topic, 0, 0, ONE_MIB))));
      // The fetch waits (partition 0 is empty), so a produce behind it is answered first.
      client.sendV2(
          102, new ProduceBatchRequest(topic, 1, ProduceBatchRequest.ACKS_ALL, 30_000, elsewhere));
      WireClient.Reply first = client.read();
      assertThat(first.header().correlationId()).isEqualTo(102);
      assertThat(first.expect(ProduceBatchResponse.class))
          .isEqualTo(new ProduceBatchResponse(topic, 1, ErrorCode.NONE, 0, -1, 0));

      // A produce to the fetched partition wakes the fetch. The broker wakes parked fetches as the
      // append completes, before the produce's answer is queued, so either answer may come first
      // (docs/protocol.md 2.2 allows any order); both must come, with their own correlation ids.
      client.sendV2(
          103, new ProduceBatchRequest(topic, 0, ProduceBatchRequest.ACKS_ALL, 30_000, batch));
      Map<Integer, WireClient.Reply> replies = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        WireClient.Reply reply = client.read();
        replies.put(reply.header().correlationId(), reply);
      }
      assertThat(replies).containsOnlyKeys(101, 103);
      ProduceBatchResponse produced = replies.get(103).expect(ProduceBatchResponse.class);
      assertThat(produced.errorCode()).isEqualTo(ErrorCode.NONE);
      assertThat(produced.baseOffset()).isZero();

      FetchBatchesResponse fetched = replies.get(101).expect(FetchBatchesResponse.class);
      assertThat(fetched.partitions()).hasSize(1);
      FetchBatchesResponse.PartitionRecords records = fetched.partitions().get(0);
      assertThat(records.errorCode()).isEqualTo(ErrorCode.NONE);
      assertThat(records.highWatermark()).isEqualTo(3);
      // The broker stamps the base offset and the partition leader epoch (header fields outside the
      // CRC, DESIGN 1) and keeps every other byte as the producer built it.
      RecordBatch stored = RecordBatch.wrap(records.records().order(ByteOrder.BIG_ENDIAN));
      assertThat(stored.isCrcValid()).isTrue();
      ByteBuffer expected = ByteBuffer.wrap(bytes(batch));
      RecordBatch.wrap(expected, 0).setBaseOffset(produced.baseOffset());
      RecordBatch.wrap(expected, 0).setPartitionLeaderEpoch(stored.partitionLeaderEpoch());
      assertThat(bytes(records.records())).isEqualTo(expected.array());
      assertThat(Batches.values(records.records(), 0))
          .extracting(Batches.Value::value)
          .containsExactly("first", "second", "third");
    }
  }

  @Test
  void shouldListTheBatchOpcodesInApiVersions() throws Exception {
    try (WireClient client = broker.connect()) {
      client.sendV2(7, new EmptyRequest(Opcode.API_VERSIONS));
      WireClient.Reply reply = client.read();

      assertThat(reply.header().correlationId()).isEqualTo(7);
      ApiVersionsResponse versions = reply.expect(ApiVersionsResponse.class);
      assertThat(versions.errorCode()).isEqualTo(ErrorCode.NONE);
      assertThat(versions.apis())
          .contains(
              new ApiVersion(Opcode.PRODUCE_BATCH.code(), 2, 2),
              new ApiVersion(Opcode.FETCH_BATCHES.code(), 2, 2),
              new ApiVersion(Opcode.API_VERSIONS.code(), 2, 2),
              new ApiVersion(Opcode.PRODUCE.code(), 1, 2));
      assertThat(versions.maxFrameBytes()).isEqualTo(32 << 20);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
