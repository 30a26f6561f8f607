package io.flymq.server.handler;

import static io.flymq.server.handler.ConsumeIT.createTopic;
import static io.flymq.server.handler.ConsumeIT.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.protocol.Opcode;
import io.flymq.protocol.message.ErrorResponse;
import io.flymq.protocol.message.TopicRequest;
import io.flymq.protocol.message.core.ConsumeRequest;
import io.flymq.protocol.message.core.ConsumeResponse;
import io.flymq.protocol.message.topic.AlterTopicConfigRequest;
import io.flymq.protocol.message.topic.TopicConfigResponse;
import io.flymq.server.log.TopicPartition;
import io.flymq.server.testing.TestBroker;
import io.flymq.server.testing.WireClient;
import io.flymq.storage.log.CleanupPolicy;
import io.flymq.storage.log.LogConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * ALTER_TOPIC_CONFIG and DESCRIBE_TOPIC_CONFIG: a change is stored in the metadata, applied to the
 * open partition logs at once (reopened with the new config), and keeps every record.
 */
class TopicConfigIT {
  @Test
  void shouldApplyAChangedConfigToTheOpenLogsAndKeepTheirRecords() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "tuned", 1);
      produce(client, "tuned", 0, "k", "before");

      client.sendV2(
          1,
          new AlterTopicConfigRequest(
              "tuned", Map.of("cleanup_policy", "compact", "retention_ms", "3600000"), List.of()));
      TopicConfigResponse altered = client.read().expect(TopicConfigResponse.class);
      assertThat(altered.configs())
          .isEqualTo(Map.of("cleanup_policy", "compact", "retention_ms", "3600000"));

      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                LogConfig config = config(broker);
                return config.cleanupPolicy() == CleanupPolicy.COMPACT
                    && config.retentionMs() == 3_600_000;
              });
      produce(client, "tuned", 0, "k", "after");
      assertThat(value(client, 0)).isEqualTo("before");
      assertThat(value(client, 1)).isEqualTo("after");

      client.sendV2(2, new AlterTopicConfigRequest("tuned", Map.of(), List.of("cleanup_policy")));
      assertThat(client.read().expect(TopicConfigResponse.class).configs())
          .isEqualTo(Map.of("retention_ms", "3600000"));
      client.sendV2(3, new TopicRequest(Opcode.DESCRIBE_TOPIC_CONFIG, "tuned"));
      assertThat(client.read().expect(TopicConfigResponse.class).configs())
          .isEqualTo(Map.of("retention_ms", "3600000"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> config(broker).cleanupPolicy() == CleanupPolicy.DELETE);
    }
  }

  @Test
  void shouldRefuseUnknownKeysUnknownTopicsAndInternalTopics() throws Exception {
    try (TestBroker broker = TestBroker.start();
        WireClient client = broker.connect()) {
      createTopic(client, "strict", 1);
      client.sendV2(
          1, new AlterTopicConfigRequest("strict", Map.of("retention.ms", "1"), List.of()));
      assertThat(client.read().expect(ErrorResponse.class).message()).contains("retention.ms");
      client.sendV2(
          2, new AlterTopicConfigRequest("missing", Map.of("retention_ms", "1"), List.of()));
      assertThat(client.read().expect(ErrorResponse.class).message()).contains("missing");
      client.sendV2(
          3,
          new AlterTopicConfigRequest(
              "__consumer_offsets", Map.of("retention_ms", "1"), List.of()));
      assertThat(client.read().expect(ErrorResponse.class).message()).contains("internal");
    }
  }

  private static LogConfig config(TestBroker broker) {
    return broker
        .broker()
        .runtime()
        .partitions()
        .partition(new TopicPartition("tuned", 0))
        .log()
        .config();
  }

  private static String value(WireClient client, long offset) throws Exception {
    ConsumeResponse response =
        client
            .requestV1(new ConsumeRequest(Opcode.CONSUME, "tuned", 0, offset))
            .expect(ConsumeResponse.class);
    return StandardCharsets.UTF_8.decode(response.value()).toString();
  }
}
