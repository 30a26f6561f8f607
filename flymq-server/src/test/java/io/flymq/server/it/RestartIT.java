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
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.server.testing.Batches;
import io.flymq.server.testing.ChildBroker;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as operators run it (a child JVM from the packaged jar) keeps every acknowledged
 * record and every topic across a stop: SIGTERM (clean shutdown) and SIGKILL (crash; acks=all, so
 * each acknowledgement followed an fsync). Records are produced with v1 PRODUCE and v2
 * PRODUCE_BATCH (acks -1) and read back with FETCH_BATCHES after the restart.
 */
class RestartIT {
  private static final List<String> TOPICS = List.of("orders", "payments", "audit-trail");
  private static final int PARTITIONS = 2;
  private static final int V1_RECORDS_PER_TOPIC = 40;
  private static final int BATCHES_PER_TOPIC = 6;
  private static final int RECORDS_PER_BATCH = 5;
  private static final int ONE_MIB = 1 << 20;

  @TempDir Path temp;
  private ChildBroker running;

  @AfterEach
  void killBroker() throws Exception {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldKeepTopicsAndAcknowledgedRecordsAfterSigterm() throws Exception {
    Path dataDir = Files.createDirectories(temp.resolve("data"));
    running =
        ChildBroker.start(dataDir, TestBroker.freePort(), Map.of(), temp.resolve("first.log"));
    Map<String, Map<Long, String>> acknowledged = produce(running);

    int exit = running.terminate();

    assertThat(exit).as("exit code after SIGTERM; log:%n%s", running.log()).isIn(0, 143);
    assertThat(running.log()).contains("FlyMQ broker stopped cleanly");
    running =
        ChildBroker.start(dataDir, TestBroker.freePort(), Map.of(), temp.resolve("second.log"));
    assertEverythingIsThere(running, acknowledged);
  }

  @Test
  void shouldKeepTopicsAndAcknowledgedRecordsAfterSigkillWithAcksAll() throws Exception {
    Path dataDir = Files.createDirectories(temp.resolve("data"));
    Map<String, String> acksAll = Map.of("FLYMQ_ACKS", "all");
    running = ChildBroker.start(dataDir, TestBroker.freePort(), acksAll, temp.resolve("first.log"));
    Map<String, Map<Long, String>> acknowledged = produce(running);

    running.kill();

    running =
        ChildBroker.start(dataDir, TestBroker.freePort(), acksAll, temp.resolve("second.log"));
    assertEverythingIsThere(running, acknowledged);
  }

  /**
   * Produces to every topic; returns what was acknowledged, per "topic/partition", offset to value.
   */
  private static Map<String, Map<Long, String>> produce(ChildBroker broker) throws Exception {
    Map<String, Map<Long, String>> acknowledged = new TreeMap<>();
    try (WireClient client = broker.connect()) {
      for (String topic : TOPICS) {
        assertThat(client.requestV1(new CreateTopicRequest(topic, PARTITIONS)).message())
            .isEqualTo(new AckResponse(Opcode.CREATE_TOPIC, true));
        for (int i = 0; i < V1_RECORDS_PER_TOPIC; i++) {
          String value = topic + "-v1-" + i;
          RecordMetadata meta =
              client
                  .requestV1(
                      new ProduceRequest(
                          topic,
                          ByteBuffer.allocate(0),
                          ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)),
                          i % PARTITIONS))
                  .expect(RecordMetadata.class);
          acknowledged
              .computeIfAbsent(topic + "/" + meta.partition(), k -> new TreeMap<>())
              .put(meta.offset(), value);
        }
        for (int b = 0; b < BATCHES_PER_TOPIC; b++) {
          String[] values = new String[RECORDS_PER_BATCH];
          for (int r = 0; r < RECORDS_PER_BATCH; r++) {
            values[r] = topic + "-batch-" + b + "-" + r;
          }
          int partition = b % PARTITIONS;
          client.sendV2(
              b,
              new ProduceBatchRequest(
                  topic, partition, ProduceBatchRequest.ACKS_ALL, 30_000, Batches.of(values)));
          ProduceBatchResponse response = client.read().expect(ProduceBatchResponse.class);
          assertThat(response.errorCode()).isEqualTo(ErrorCode.NONE);
          for (int r = 0; r < RECORDS_PER_BATCH; r++) {
            acknowledged
                .computeIfAbsent(topic + "/" + partition, k -> new TreeMap<>())
                .put(response.baseOffset() + r, values[r]);
          }
        }
      }
    }
    return acknowledged;
  }

  private static void assertEverythingIsThere(
      ChildBroker broker, Map<String, Map<Long, String>> acknowledged) throws Exception {
    try (WireClient client = broker.connect()) {
      ListTopicsResponse topics =
          client.requestV1(new EmptyRequest(Opcode.LIST_TOPICS)).expect(ListTopicsResponse.class);
      assertThat(topics.topics()).containsExactlyInAnyOrderElementsOf(TOPICS);
      for (Map.Entry<String, Map<Long, String>> partition : acknowledged.entrySet()) {
        String[] id = partition.getKey().split("/");
        assertThat(readAll(client, id[0], Integer.parseInt(id[1])))
            .as("records of %s; broker log:%n%s", partition.getKey(), broker.log())
            .isEqualTo(partition.getValue());
      }
    }
  }

  /**
   * Every record of the partition, offset to value, fetched from offset 0 up to the high watermark.
   */
  private static Map<Long, String> readAll(WireClient client, String topic, int partition)
      throws Exception {
    Map<Long, String> values = new TreeMap<>();
    long offset = 0;
    for (int round = 0; round < 1_000; round++) {
      client.sendV2(
          round,
          new FetchBatchesRequest(
              0,
              0,
              ONE_MIB,
              IsolationLevel.READ_UNCOMMITTED,
              List.of(new FetchPartition(topic, partition, offset, ONE_MIB))));
      FetchBatchesResponse.PartitionRecords records =
          client.read().expect(FetchBatchesResponse.class).partitions().get(0);
      assertThat(records.errorCode()).isEqualTo(ErrorCode.NONE);
      for (Batches.Value value : Batches.values(records.records(), offset)) {
        values.put(value.offset(), value.value());
        offset = value.offset() + 1;
      }
      if (offset >= records.highWatermark()) {
        return values;
      }
    }
    throw new AssertionError(
        "could not read " + topic + "/" + partition + " to its end in 1000 fetches");
  }
}
