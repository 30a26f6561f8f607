package io.flymq.server.handler;

import static io.flymq.server.handler.ConsumeIT.createTopic;
import static io.flymq.server.handler.ConsumeIT.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.Message;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.core.CommitRequest;
import io.flymq.protocol.message.core.ListTopicsResponse;
import io.flymq.protocol.message.core.OffsetResponse;
import io.flymq.protocol.message.core.SubscribeRequest;
import io.flymq.protocol.message.group.GroupPartitionRequest;
import io.flymq.protocol.message.group.ResetOffsetRequest;
import io.flymq.protocol.message.group.SeekToTimestampRequest;
import io.flymq.server.group.OffsetStore;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * SUBSCRIBE, COMMIT, GET_OFFSET, RESET_OFFSET and SEEK_TO_TIMESTAMP over real sockets, and commits
 * surviving a broker restart (WIRE-V1 7.6, 7.7, 13.1, 13.2, 13.7).
 */
class OffsetsIT {
  private static long offset(WireClient client, Message request) throws Exception {
    Message reply = client.requestV1(request).message();
    assertThat(reply).isInstanceOf(OffsetResponse.class);
    return ((OffsetResponse) reply).offset();
  }

  private static void ack(WireClient client, Message request) throws Exception {
    Message reply = client.requestV1(request).message();
    assertThat(reply).isInstanceOf(AckResponse.class);
    assertThat(((AckResponse) reply).success()).isTrue();
  }

  private static String error(WireClient client, Message request) throws Exception {
    Message reply = client.requestV1(request).message();
    assertThat(reply).isInstanceOf(ErrorResponse.class);
    return ((ErrorResponse) reply).message();
  }

  private static SubscribeRequest subscribe(String topic, String group, String mode) {
    return new SubscribeRequest(topic, group, 0, mode);
  }

  private static GroupPartitionRequest getOffset(String topic, String group) {
    return new GroupPartitionRequest(Opcode.GET_OFFSET, topic, group, 0);
  }

  @Test
  void shouldSubscribeFromEarliestLatestAndCommit() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "sub", 1);
      assertThat(offset(client, subscribe("sub", "g", "latest"))).isZero();
      for (int i = 0; i < 5; i++) {
        produce(client, "sub", 0, "", "v" + i);
      }

      assertThat(offset(client, subscribe("sub", "g", "earliest"))).isZero();
      assertThat(offset(client, subscribe("sub", "g", "latest"))).isEqualTo(5);
      assertThat(offset(client, subscribe("sub", "", ""))).isEqualTo(5);
      assertThat(offset(client, subscribe("sub", "g", "commit"))).isZero();
      ack(client, new CommitRequest("sub", "g", 0, 3));
      assertThat(offset(client, subscribe("sub", "g", "commit"))).isEqualTo(3);
      // Reference meaning kept by default: earliest/latest are seeks, whatever was committed.
      assertThat(offset(client, subscribe("sub", "g", "earliest"))).isZero();
      assertThat(offset(client, subscribe("sub", "g", "latest"))).isEqualTo(5);
    }
  }

  @Test
  void shouldAnswerSubscribeErrorsWithTheReferenceTexts() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "sub-errors", 2);

      assertThat(error(client, subscribe("missing", "g", "earliest")))
          .startsWith("topic not found: missing");
      assertThat(error(client, new SubscribeRequest("sub-errors", "g", 2, "earliest")))
          .startsWith("partition 2 not found");
      assertThat(error(client, subscribe("sub-errors", "g", "middle")))
          .startsWith("unknown subscribe mode: middle");
      // As in the reference, even a failing SUBSCRIBE names the group.
      assertThat(offset(client, getOffset("missing", "g"))).isZero();
    }
  }

  @Test
  void shouldPreferTheCommitOnEarliestAndLatestWhenConfigured() throws Exception {
    try (TestBroker broker =
            TestBroker.start(s -> s.put("protocol.v1_subscribe_prefers_commit", "true"));
        WireClient client = broker.connect()) {
      createTopic(client, "prefer", 1);
      for (int i = 0; i < 4; i++) {
        produce(client, "prefer", 0, "", "v" + i);
      }
      assertThat(offset(client, subscribe("prefer", "g", "latest"))).isEqualTo(4);
      ack(client, new CommitRequest("prefer", "g", 0, 2));

      assertThat(offset(client, subscribe("prefer", "g", "latest"))).isEqualTo(2);
      assertThat(offset(client, subscribe("prefer", "g", "earliest"))).isEqualTo(2);
      assertThat(offset(client, subscribe("prefer", "other", "latest"))).isEqualTo(4);
    }
  }

  @Test
  void shouldReturnCommittedOffsetsAndResumeAfterARestart() throws Exception {
    try (TestBroker broker = TestBroker.start()) {
      try (WireClient client = broker.connect()) {
        createTopic(client, "durable", 2);
        for (int i = 0; i < 10; i++) {
          produce(client, "durable", 0, "", "v" + i);
        }
        ack(client, new CommitRequest("durable", "g", 0, 4));
        ack(client, new CommitRequest("durable", "g", 0, 7));
        ack(client, new CommitRequest("durable", "g2", 1, 1));
        assertThat(offset(client, getOffset("durable", "g"))).isEqualTo(7);
      }

      broker.restart();

      try (WireClient client = broker.connect()) {
        assertThat(offset(client, getOffset("durable", "g"))).isEqualTo(7);
        assertThat(offset(client, new GroupPartitionRequest(Opcode.GET_OFFSET, "durable", "g2", 1)))
            .isEqualTo(1);
        assertThat(offset(client, subscribe("durable", "g", "commit"))).isEqualTo(7);
        // Known group, nothing committed for this partition: 0 (WIRE-V1 13.1).
        assertThat(offset(client, new GroupPartitionRequest(Opcode.GET_OFFSET, "durable", "g", 1)))
            .isZero();
        ListTopicsResponse topics =
            (ListTopicsResponse) client.requestV1(new EmptyRequest(Opcode.LIST_TOPICS)).message();
        assertThat(topics.topics()).containsExactly("durable").doesNotContain(OffsetStore.TOPIC);
      }
    }
  }

  @Test
  void shouldAnswerGetOffsetForAnUnknownGroupWithTheReferenceText() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      assertThat(error(client, getOffset("t", "nobody")))
          .startsWith("consumer group not found: t:nobody");
    }
  }

  @Test
  void shouldResetToEarliestLatestOrAGivenOffset() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "reset", 1);
      for (int i = 0; i < 6; i++) {
        produce(client, "reset", 0, "", "v" + i);
      }

      ack(client, new ResetOffsetRequest("reset", "g", 0, "latest", OptionalLong.empty()));
      assertThat(offset(client, getOffset("reset", "g"))).isEqualTo(6);
      ack(client, new ResetOffsetRequest("reset", "g", 0, "earliest", OptionalLong.of(0)));
      assertThat(offset(client, getOffset("reset", "g"))).isZero();
      ack(client, new ResetOffsetRequest("reset", "g", 0, "offset", OptionalLong.of(4)));
      assertThat(offset(client, getOffset("reset", "g"))).isEqualTo(4);
      assertThat(offset(client, subscribe("reset", "g", "commit"))).isEqualTo(4);
    }
  }

  @Test
  void shouldAnswerResetErrorsWithTheReferenceTexts() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "reset-errors", 1);

      assertThat(
              error(
                  client,
                  new ResetOffsetRequest("reset-errors", "g", 0, "sideways", OptionalLong.empty())))
          .startsWith("unknown reset mode: sideways");
      assertThat(
              error(
                  client,
                  new ResetOffsetRequest("missing", "g", 0, "earliest", OptionalLong.empty())))
          .startsWith("topic not found: missing");
      assertThat(
              error(
                  client,
                  new ResetOffsetRequest("reset-errors", "g", 1, "earliest", OptionalLong.empty())))
          .startsWith("partition 1 not found");
    }
  }

  @Test
  void shouldSeekToTheFirstRecordAtOrAfterATimestampAndCommitIt() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "seek", 1);
      produce(client, "seek", 0, "", "old");
      // The broker stamps v1 records with its clock; only order matters here, so wait for it to
      // move.
      long before = System.currentTimeMillis();
      while (System.currentTimeMillis() <= before) {
        Thread.onSpinWait();
      }
      long boundary = System.currentTimeMillis();
      produce(client, "seek", 0, "", "new");
      produce(client, "seek", 0, "", "newer");

      assertThat(offset(client, new SeekToTimestampRequest("seek", "g", 0, 0))).isZero();
      assertThat(offset(client, new SeekToTimestampRequest("seek", "g", 0, boundary))).isEqualTo(1);
      assertThat(offset(client, getOffset("seek", "g"))).isEqualTo(1);
      // Nothing that recent: the log end (WIRE-V1 13.7).
      assertThat(offset(client, new SeekToTimestampRequest("seek", "g", 0, Long.MAX_VALUE)))
          .isEqualTo(3);
      assertThat(offset(client, getOffset("seek", "g"))).isEqualTo(3);
      assertThat(error(client, new SeekToTimestampRequest("missing", "g", 0, 0)))
          .startsWith("topic not found: missing");
      assertThat(error(client, new SeekToTimestampRequest("seek", "g", 1, 0)))
          .startsWith("partition 1 not found");
    }
  }
}
