package io.flymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest;
import io.flymq.protocol.message.batch.FetchBatchesRequest.FetchPartition;
import io.flymq.protocol.message.batch.FetchBatchesResponse;
import io.flymq.protocol.message.batch.IsolationLevel;
import io.flymq.protocol.message.core.CreateTopicRequest;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.ProduceRequest;
import io.flymq.protocol.message.core.RecordMetadata;
import io.flymq.protocol.message.version.ApiVersionsResponse;
import io.flymq.server.testing.Batches;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 1,000 connections open at once, each producing a few records with v1 PRODUCE and reading them
 * back with v2 FETCH_BATCHES, driven by a bounded thread pool; every one succeeds and the broker
 * still serves a new connection afterwards.
 *
 * <p>Both ends live in this JVM, so each connection costs two file descriptors: the test needs
 * about 2,000 plus the broker's files. The limit here is checked first; with a lower one the test
 * uses as many connections as fit and says so.
 */
class ManyConnectionsIT {
  private static final int WANTED = 1_000;
  private static final int RECORDS = 3;
  private static final String[] TOPICS = {"many-a", "many-b", "many-c", "many-d"};
  private static final int PARTITIONS = 4;

  @Test
  void shouldServeAThousandConcurrentConnections() throws Exception {
    int connections = connectionsThatFit();
    try (TestBroker broker = TestBroker.start()) {
      try (WireClient admin = broker.connect()) {
        for (String topic : TOPICS) {
          assertThat(admin.requestV1(new CreateTopicRequest(topic, PARTITIONS)).message())
              .isEqualTo(new AckResponse(Opcode.CREATE_TOPIC, true));
        }
      }
      List<WireClient> clients = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(32);
      try {
        for (int i = 0; i < connections; i++) {
          clients.add(broker.connect());
        }
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
          int id = i;
          WireClient client = clients.get(i);
          results.add(
              pool.submit(
                  () -> {
                    produceAndFetchBack(client, id);
                    return null;
                  }));
        }
        for (Future<?> result : results) {
          result.get(120, TimeUnit.SECONDS);
        }
        // Every connection is still open and served after all the others worked.
        for (int i = 0; i < connections; i++) {
          WireClient client = clients.get(i);
          client.sendV2(i, new EmptyRequest(Opcode.API_VERSIONS));
          assertThat(client.read().expect(ApiVersionsResponse.class).errorCode())
              .isEqualTo(ErrorCode.NONE);
        }
      } finally {
        pool.shutdownNow();
        for (WireClient client : clients) {
          client.close();
        }
      }
      try (WireClient fresh = broker.connect()) {
        assertThat(
                fresh
                    .requestV1(new EmptyRequest(Opcode.LIST_TOPICS))
                    .expect(ListTopicsResponse.class)
                    .topics())
            .containsExactlyInAnyOrder(TOPICS);
      }
    }
  }

  private static void produceAndFetchBack(WireClient client, int id) throws Exception {
    String topic = TOPICS[id % TOPICS.length];
    int partition = (id / TOPICS.length) % PARTITIONS;
    long firstOffset = -1;
    List<String> sent = new ArrayList<>();
    for (int r = 0; r < RECORDS; r++) {
      String value = "conn-" + id + "-" + r;
      RecordMetadata meta =
          client
              .requestV1(
                  new ProduceRequest(
                      topic,
                      ByteBuffer.allocate(0),
                      ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)),
                      partition))
              .expect(RecordMetadata.class);
      assertThat(meta.partition()).isEqualTo(partition);
      if (firstOffset < 0) {
        firstOffset = meta.offset();
      }
      sent.add(value);
    }
    // Read like a consumer: fetch from the next offset until this connection's records are all
    // seen. Other connections write to the same partition, so its records are among others.
    // (Under concurrent appends a fetch may return fewer batches than its limits allow; see the
    // test report, so one fetch is not assumed to return everything.)
    List<String> mine = new ArrayList<>();
    long offset = firstOffset;
    for (int round = 0; round < 100 && mine.size() < RECORDS; round++) {
      client.sendV2(
          id,
          new FetchBatchesRequest(
              0,
              0,
              1 << 20,
              IsolationLevel.READ_UNCOMMITTED,
              List.of(new FetchPartition(topic, partition, offset, 1 << 20))));
      WireClient.Reply reply = client.read();
      assertThat(reply.header().correlationId()).isEqualTo(id);
      FetchBatchesResponse.PartitionRecords records =
          reply.expect(FetchBatchesResponse.class).partitions().get(0);
      assertThat(records.errorCode()).isEqualTo(ErrorCode.NONE);
      for (Batches.Value value : Batches.values(records.records(), offset)) {
        if (value.value().startsWith("conn-" + id + "-")) {
          mine.add(value.value());
        }
        offset = value.offset() + 1;
      }
    }
    assertThat(mine).containsExactlyElementsOf(sent);
  }

  private static int connectionsThatFit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
      long spare = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 500;
      int fit = (int) Math.max(1, Math.min(WANTED, spare / 2));
      if (fit < WANTED) {
        System.err.printf(
            "ManyConnectionsIT: open-file limit %d allows %d connections, not %d (raise ulimit -n)%n",
            os.getMaxFileDescriptorCount(), fit, WANTED);
      }
      return fit;
    }
    return WANTED;
  }
}
