package io.flymq.server.handler;

import static io.flymq.server.handler.ConsumeIT.createTopic;
import static io.flymq.server.handler.ConsumeIT.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.Dialect;
import io.flymq.protocol.Message;
import io.flymq.protocol.MessageCodec;
import io.flymq.protocol.Opcode;
import io.flymq.protocol.error.ErrorCode;
import io.flymq.protocol.message.AckResponse;
import io.flymq.protocol.message.EmptyRequest;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.core.CommitRequest;
import io.flymq.protocol.message.core.SubscribeRequest;
import io.flymq.protocol.message.group.DescribeGroupJavaResponse;
import io.flymq.protocol.message.group.DescribeGroupResponse;
import io.flymq.protocol.message.group.GetLagResponse;
import io.flymq.protocol.message.group.GroupDescription;
import io.flymq.protocol.message.group.GroupPartitionRequest;
import io.flymq.protocol.message.group.GroupRequest;
import io.flymq.protocol.message.group.GroupSummary;
import io.flymq.protocol.message.group.GroupSummary.PartitionOffset;
import io.flymq.protocol.message.group.ListGroupsJavaResponse;
import io.flymq.protocol.message.group.ListGroupsResponse;
import io.flymq.protocol.message.membership.JoinGroupRequest;
import io.flymq.protocol.message.membership.JoinGroupResponse;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LIST_GROUPS, DESCRIBE_GROUP, GET_LAG and DELETE_GROUP over real sockets, in each SDK's layout,
 * and deletions surviving a restart (WIRE-V1 13.3-13.6).
 */
class GroupAdminIT {
  private static Message request(WireClient client, Message request) throws Exception {
    return client.requestV1(request).message();
  }

  private static void commit(WireClient client, String topic, String group, int p, long offset)
      throws Exception {
    assertThat(request(client, new CommitRequest(topic, group, p, offset)))
        .isEqualTo(new AckResponse(Opcode.COMMIT, true));
  }

  private static GetLagResponse lag(WireClient client, String topic, String group, int p)
      throws Exception {
    return (GetLagResponse)
        request(client, new GroupPartitionRequest(Opcode.GET_LAG, topic, group, p));
  }

  @Test
  void shouldListDescribeAndReportExactLagForGroupsWithoutMembers() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "orders", 2);
      createTopic(client, "audit", 1);
      for (int i = 0; i < 10; i++) {
        produce(client, "orders", 0, "", "o" + i);
      }
      produce(client, "orders", 1, "", "x");
      commit(client, "orders", "billing", 0, 4);
      commit(client, "orders", "billing", 1, 1);
      commit(client, "audit", "billing", 0, 0);
      commit(client, "orders", "shipping", 0, 10);
      request(client, new SubscribeRequest("orders", "named-only", 0, "earliest"));

      assertThat(
              ((ListGroupsResponse) request(client, new EmptyRequest(Opcode.LIST_GROUPS))).groups())
          .containsExactly(
              new GroupSummary("audit", "billing", 0, List.of(new PartitionOffset(0, 0))),
              new GroupSummary(
                  "orders",
                  "billing",
                  0,
                  List.of(new PartitionOffset(0, 4), new PartitionOffset(1, 1))),
              new GroupSummary("orders", "named-only", 0, List.of()),
              new GroupSummary("orders", "shipping", 0, List.of(new PartitionOffset(0, 10))));

      // Reference/Python: topic and group; Go SDK: empty topic = the first topic in name order.
      assertThat(
              request(
                  client,
                  new GroupRequest(Opcode.DESCRIBE_GROUP, Optional.of("orders"), "shipping")))
          .isEqualTo(
              new DescribeGroupResponse(
                  new GroupSummary("orders", "shipping", 0, List.of(new PartitionOffset(0, 10)))));
      assertThat(
              ((DescribeGroupResponse)
                      request(
                          client,
                          new GroupRequest(Opcode.DESCRIBE_GROUP, Optional.of(""), "billing")))
                  .group()
                  .topic())
          .isEqualTo("audit");
      // Java: the group id alone, answered in the Java layout with every topic it is known on.
      WireClient.Reply java =
          client.requestV1(new GroupRequest(Opcode.DESCRIBE_GROUP, Optional.empty(), "billing"));
      assertThat(
              MessageCodec.decodeResponse(java.header(), java.payload().duplicate(), Dialect.JAVA))
          .isEqualTo(
              new DescribeGroupJavaResponse(
                  new GroupDescription(
                      "billing", "Empty", List.of(), List.of("audit", "orders"), "node-0")));

      assertThat(lag(client, "orders", "billing", 0)).isEqualTo(new GetLagResponse(4, 4, 10, 6));
      assertThat(lag(client, "orders", "shipping", 0)).isEqualTo(new GetLagResponse(10, 10, 10, 0));
      // Nothing committed on partition 1 by shipping: committed 0, lag = the whole log.
      assertThat(lag(client, "orders", "shipping", 1)).isEqualTo(new GetLagResponse(0, 0, 1, 1));
      assertThat(lag(client, "audit", "billing", 0)).isEqualTo(new GetLagResponse(0, 0, 0, 0));

      assertThat(
              ((ErrorResponse)
                      request(
                          client, new GroupPartitionRequest(Opcode.GET_LAG, "orders", "nobody", 0)))
                  .message())
          .startsWith("consumer group not found: orders:nobody");
      assertThat(
              ((ErrorResponse)
                      request(
                          client,
                          new GroupRequest(Opcode.DESCRIBE_GROUP, Optional.empty(), "nobody")))
                  .message())
          .startsWith("consumer group not found: nobody");
    }
  }

  @Test
  void shouldReportLagForAGroupKnownOnlyFromALiveMember() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect();
        WireClient member = broker.connect()) {
      createTopic(client, "events", 1);
      for (int i = 0; i < 4; i++) {
        produce(client, "events", 0, "", "e" + i);
      }
      member.sendV2(
          1,
          new JoinGroupRequest("live-only", "", "", List.of("events"), 30_000, 60_000, "sticky"));
      assertThat(member.read().expect(JoinGroupResponse.class).errorCode())
          .isEqualTo(ErrorCode.NONE);

      // DESCRIBE_GROUP knows the group from its member; GET_LAG must know it too. Nothing is
      // committed, so it answers 0 and the whole log (WIRE-V1 13.5).
      assertThat(
              request(
                  client,
                  new GroupRequest(Opcode.DESCRIBE_GROUP, Optional.of("events"), "live-only")))
          .isInstanceOf(DescribeGroupResponse.class);
      assertThat(lag(client, "events", "live-only", 0)).isEqualTo(new GetLagResponse(0, 0, 4, 4));
    }
  }

  @Test
  void shouldSendTheJavaListLayoutWhenConfigured() throws Exception {
    try (TestBroker broker = TestBroker.start(s -> s.put("protocol.v1_dialect", "java"));
        WireClient client = broker.connect()) {
      createTopic(client, "orders", 1);
      commit(client, "orders", "billing", 0, 0);
      WireClient.Reply reply = client.requestV1(new EmptyRequest(Opcode.LIST_GROUPS));
      Message decoded =
          MessageCodec.decodeResponse(reply.header(), reply.payload().duplicate(), Dialect.JAVA);
      assertThat(((ListGroupsJavaResponse) decoded).groups())
          .containsExactly(
              new GroupDescription("billing", "Empty", List.of(), List.of("orders"), "node-0"));
    }
  }

  @Test
  void shouldDeleteAGroupOnOneTopicOrEveryTopicAndKeepItDeletedAfterARestart() throws Exception {
    try (TestBroker broker = TestBroker.start()) {
      try (WireClient client = broker.connect()) {
        createTopic(client, "orders", 1);
        createTopic(client, "audit", 1);
        commit(client, "orders", "billing", 0, 3);
        commit(client, "audit", "billing", 0, 1);
        commit(client, "orders", "shipping", 0, 2);

        assertThat(
                request(
                    client,
                    new GroupRequest(Opcode.DELETE_GROUP, Optional.of("orders"), "shipping")))
            .isEqualTo(new AckResponse(Opcode.DELETE_GROUP, true));
        // Java form: the group id on every topic.
        assertThat(
                request(client, new GroupRequest(Opcode.DELETE_GROUP, Optional.empty(), "billing")))
            .isEqualTo(new AckResponse(Opcode.DELETE_GROUP, true));
        assertThat(
                ((ErrorResponse)
                        request(
                            client,
                            new GroupRequest(
                                Opcode.DELETE_GROUP, Optional.of("orders"), "billing")))
                    .message())
            .startsWith("consumer group not found: orders:billing");
        commit(client, "orders", "kept", 0, 1);
      }

      broker.restart();

      try (WireClient client = broker.connect()) {
        assertThat(
                ((ListGroupsResponse) request(client, new EmptyRequest(Opcode.LIST_GROUPS)))
                    .groups())
            .containsExactly(
                new GroupSummary("orders", "kept", 0, List.of(new PartitionOffset(0, 1))));
        assertThat(
                request(
                    client, new GroupPartitionRequest(Opcode.GET_OFFSET, "orders", "billing", 0)))
            .isInstanceOf(ErrorResponse.class);
      }
    }
  }
}
