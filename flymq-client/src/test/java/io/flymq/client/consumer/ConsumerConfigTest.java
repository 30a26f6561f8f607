package io.flymq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flymq.client.consumer.ConsumerConfig.AutoOffsetReset;
import io.flymq.protocol.message.batch.IsolationLevel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerConfigTest {
  private static final String BOOTSTRAP = "localhost:9092";

  @Test
  void shouldFillDefaultsWithoutGroup() {
    ConsumerConfig config = ConsumerConfig.builder().bootstrapServers(BOOTSTRAP).build();

    assertThat(config.groupId()).isEmpty();
    assertThat(config.autoOffsetReset()).isEqualTo(AutoOffsetReset.LATEST);
    assertThat(config.enableAutoCommit()).isFalse();
    assertThat(config.autoCommitInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.fetchMinBytes()).isEqualTo(1);
    assertThat(config.fetchMaxWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.fetchMaxBytes()).isEqualTo(52_428_800);
    assertThat(config.maxPartitionFetchBytes()).isEqualTo(1_048_576);
    assertThat(config.maxPollRecords()).isEqualTo(500);
    assertThat(config.isolationLevel()).isEqualTo(IsolationLevel.READ_UNCOMMITTED);
    assertThat(config.clientConfig().bootstrapServers()).hasSize(1);
  }

  @Test
  void shouldEnableAutoCommitByDefaultOnlyWithGroup() {
    ConsumerConfig config =
        ConsumerConfig.builder().bootstrapServers(BOOTSTRAP).groupId("billing").build();

    assertThat(config.groupId()).contains("billing");
    assertThat(config.enableAutoCommit()).isTrue();
  }

  @Test
  void shouldAcceptKafkaKeysFromProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", BOOTSTRAP);
    properties.put("client.id", "reader-1");
    properties.put("group.id", "billing");
    properties.put("auto.offset.reset", "earliest");
    properties.put("enable.auto.commit", "false");
    properties.put("auto.commit.interval.ms", "1000");
    properties.put("fetch.min.bytes", "1024");
    properties.put("fetch.max.wait.ms", "100");
    properties.put("fetch.max.bytes", "1048576");
    properties.put("max.partition.fetch.bytes", "65536");
    properties.put("max.poll.records", "10");
    properties.put("isolation.level", "read_committed");

    ConsumerConfig config = ConsumerConfig.fromProperties(properties);

    assertThat(config.clientConfig().clientId()).isEqualTo("reader-1");
    assertThat(config.groupId()).contains("billing");
    assertThat(config.autoOffsetReset()).isEqualTo(AutoOffsetReset.EARLIEST);
    assertThat(config.enableAutoCommit()).isFalse();
    assertThat(config.autoCommitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.fetchMinBytes()).isEqualTo(1024);
    assertThat(config.fetchMaxWait()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.fetchMaxBytes()).isEqualTo(1_048_576);
    assertThat(config.maxPartitionFetchBytes()).isEqualTo(65_536);
    assertThat(config.maxPollRecords()).isEqualTo(10);
    assertThat(config.isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
  }

  @Test
  void shouldReportEveryBadSettingAtOnce() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("auto.offset.reset", "smallest");
    properties.put("max.poll.records", "0");
    properties.put("fetch.max.wait.ms", "400000");
    properties.put("isolation.level", "serializable");
    properties.put("enable.auto.commit", "yes");

    assertThatThrownBy(() -> ConsumerConfig.fromProperties(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6 problem(s)")
        .hasMessageContaining("bootstrap.servers: (not set)")
        .hasMessageContaining("auto.offset.reset: smallest (expected: earliest, latest or none)")
        .hasMessageContaining("max.poll.records: 0 (expected:")
        .hasMessageContaining("fetch.max.wait.ms: 400000 (expected:")
        .hasMessageContaining("isolation.level: serializable (expected:")
        .hasMessageContaining("enable.auto.commit: yes (expected: true or false)");
  }

  @Test
  void shouldSuggestTheClosestKeyForAnUnknownOne() {
    assertThatThrownBy(
            () ->
                ConsumerConfig.fromProperties(
                    Map.of("bootstrap.servers", BOOTSTRAP, "max.pol.records", "5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown setting: max.pol.records (did you mean max.poll.records?)");
  }

  @Test
  void shouldSuggestClientKeysToo() {
    assertThatThrownBy(() -> ConsumerConfig.fromProperties(Map.of("bootstrap.server", BOOTSTRAP)))
        .hasMessageContaining("did you mean bootstrap.servers?");
  }

  @Test
  void shouldRejectAutoCommitWithoutGroup() {
    assertThatThrownBy(
            () ->
                ConsumerConfig.builder().bootstrapServers(BOOTSTRAP).enableAutoCommit(true).build())
        .hasMessageContaining("enable.auto.commit: true (expected: false without group.id");
  }

  @Test
  void shouldRejectBlankGroupAndOutOfRangeTypedValues() {
    assertThatThrownBy(
            () ->
                ConsumerConfig.builder()
                    .bootstrapServers(BOOTSTRAP)
                    .groupId(" ")
                    .fetchMinBytes(-1)
                    .fetchMaxBytes(0)
                    .maxPartitionFetchBytes(0)
                    .autoCommitInterval(Duration.ZERO)
                    .build())
        .hasMessageContaining("5 problem(s)")
        .hasMessageContaining("group.id: \" \"")
        .hasMessageContaining("fetch.min.bytes: -1 (expected: >= 0)")
        .hasMessageContaining("fetch.max.bytes: 0 (expected: >= 1)")
        .hasMessageContaining("max.partition.fetch.bytes: 0 (expected: >= 1)")
        .hasMessageContaining("auto.commit.interval.ms: 0");
  }

  @Test
  void shouldRequireProtocolVersionTwo() {
    assertThatThrownBy(
            () ->
                ConsumerConfig.fromProperties(
                    Map.of("bootstrap.servers", BOOTSTRAP, "protocol.version", "1")))
        .hasMessageContaining("protocol.version: 1 (expected: 2;");
  }

  @Test
  void shouldDefaultTheGroupMembershipSettings() {
    ConsumerConfig config =
        ConsumerConfig.builder().bootstrapServers(BOOTSTRAP).groupId("billing").build();

    assertThat(config.groupInstanceId()).isEmpty();
    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.heartbeatInterval()).isEmpty();
    assertThat(config.maxPollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.assignmentStrategy()).isEqualTo(AssignmentStrategy.STICKY);
  }

  @Test
  void shouldAcceptMembershipKeysAndKafkaAssignorClassNames() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", BOOTSTRAP);
    properties.put("group.id", "billing");
    properties.put("group.instance.id", "billing-1");
    properties.put("session.timeout.ms", "6000");
    properties.put("heartbeat.interval.ms", "2000");
    properties.put("max.poll.interval.ms", "60000");
    properties.put(
        "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RoundRobinAssignor");

    ConsumerConfig config = ConsumerConfig.fromProperties(properties);

    assertThat(config.groupInstanceId()).contains("billing-1");
    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
    assertThat(config.heartbeatInterval()).contains(Duration.ofSeconds(2));
    assertThat(config.maxPollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.assignmentStrategy()).isEqualTo(AssignmentStrategy.ROUNDROBIN);
    assertThat(strategy("range")).isEqualTo(AssignmentStrategy.RANGE);
    assertThat(strategy("org.apache.kafka.clients.consumer.RangeAssignor"))
        .isEqualTo(AssignmentStrategy.RANGE);
    assertThat(strategy("org.apache.kafka.clients.consumer.CooperativeStickyAssignor"))
        .isEqualTo(AssignmentStrategy.STICKY);
    assertThat(strategy("org.apache.kafka.clients.consumer.StickyAssignor"))
        .isEqualTo(AssignmentStrategy.STICKY);
  }

  @Test
  void shouldReportEveryBadMembershipSettingAtOnce() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", BOOTSTRAP);
    properties.put("group.instance.id", "billing-1");
    properties.put("session.timeout.ms", "3000");
    properties.put("heartbeat.interval.ms", "3000");
    properties.put("partition.assignment.strategy", "fair");

    assertThatThrownBy(() -> ConsumerConfig.fromProperties(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 problem(s)")
        .hasMessageContaining("group.instance.id: \"billing-1\" (expected: a non-blank id together")
        .hasMessageContaining("heartbeat.interval.ms: 3000 (expected: less than session.timeout.ms")
        .hasMessageContaining("partition.assignment.strategy: fair (expected: range, roundrobin");
  }

  private static AssignmentStrategy strategy(String value) {
    return ConsumerConfig.fromProperties(
            Map.of("bootstrap.servers", BOOTSTRAP, "partition.assignment.strategy", value))
        .assignmentStrategy();
  }
}
