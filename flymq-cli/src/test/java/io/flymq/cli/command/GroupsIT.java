package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.client.FlyMQClient;
import io.flymq.server.testing.TestBroker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static TestBroker broker;
  private CliRunner cli;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @BeforeEach
  void runner(@TempDir Path home) {
    cli = new CliRunner(broker.bootstrap(), home.resolve("config.yaml"));
  }

  private void topicWithTenRecords(String topic) {
    cli.run("topics", "create", topic);
    cli.runWithInput(
        "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n".getBytes(StandardCharsets.UTF_8), "produce", topic);
  }

  @Test
  void shouldSubscribeFromTheCommittedOffsetAndCommitWhatItPrinted() {
    topicWithTenRecords("subscribed");

    Result first =
        cli.run("subscribe", "subscribed", "--group", "g1", "--from", "earliest", "-n", "4");
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEqualTo("0\n1\n2\n3\n");

    Result second =
        cli.run("subscribe", "subscribed", "-g", "g1", "-n", "2", "--format", "%o:%v\\n");
    assertThat(second.out()).isEqualTo("4:4\n5:5\n");

    Result lag = cli.run("groups", "lag", "subscribed", "--group", "g1");
    assertThat(lag.exitCode()).isZero();
    assertThat(lag.out())
        .contains("total_lag  4\n")
        .contains("PARTITION  COMMITTED-OFFSET  LOG-END-OFFSET  LAG\n")
        .contains("0          6                 10              4\n");
  }

  @Test
  void shouldCommitAndExitZeroOnCtrlC() throws Exception {
    topicWithTenRecords("interrupted");
    Interrupts interrupts = new Interrupts();
    Thread stopper =
        new Thread(
            () -> {
              try {
                Thread.sleep(2000);
              } catch (InterruptedException e) {
                return;
              }
              interrupts.fire();
            });
    stopper.start();

    Result result =
        cli.runWith(
            new ByteArrayInputStream(new byte[0]),
            interrupts,
            "subscribe",
            "interrupted",
            "--group",
            "g2",
            "--from",
            "earliest");
    stopper.join();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n");
    assertThat(cli.run("groups", "lag", "interrupted", "-g", "g2", "-o", "json").out())
        .contains("\"total_lag\" : 0")
        .contains("\"committed_offset\" : 10");
  }

  /**
   * A topic of two partitions, 10 records in partition 0 and 4 in partition 1, and a group that
   * committed offset 3 on partition 0 only.
   */
  private void groupWithACommitOnOnePartitionOnly(String topic, String group) {
    cli.run("topics", "create", topic, "--partitions", "2");
    cli.runWithInput(
        "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n".getBytes(StandardCharsets.UTF_8),
        "produce",
        topic,
        "--partition",
        "0");
    cli.runWithInput(
        "0\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), "produce", topic, "--partition", "1");
    Result commit =
        cli.run("groups", "reset", topic, "--group", group, "--to", "3", "--partition", "0");
    assertThat(commit.exitCode()).as(commit.err()).isZero();
  }

  // Before: for a partition without a commit groups lag printed committed 0 (GET_OFFSET's answer
  // there) and the whole log as lag, while groups describe left the partition out.
  @Test
  void shouldReportTheSameLagInLagAndDescribeWhetherOrNotAPartitionHasACommit() throws Exception {
    groupWithACommitOnOnePartitionOnly("halfread", "half");

    for (String format : List.of("json", "yaml")) {
      ObjectMapper parser = format.equals("json") ? JSON : YAML;
      Result lag = cli.run("groups", "lag", "halfread", "--group", "half", "-o", format);
      Result describe = cli.run("groups", "describe", "half", "--topic", "halfread", "-o", format);

      for (String field : List.of("committed_offset", "log_end_offset", "lag")) {
        assertThat(column(parser, describe, field))
            .as("%s %s: describe vs lag", format, field)
            .isEqualTo(column(parser, lag, field));
      }
      assertThat(column(parser, lag, "committed_offset"))
          .as(format)
          .containsExactly(entry(0, 3L), entry(1, null));
      assertThat(column(parser, lag, "log_end_offset"))
          .as(format)
          .containsExactly(entry(0, 10L), entry(1, 4L));
      assertThat(column(parser, lag, "lag"))
          .as(format)
          .containsExactly(entry(0, 7L), entry(1, null));
      assertThat(parser.readTree(lag.out()).get("total_lag").asLong()).as(format).isEqualTo(7);
    }
  }

  @Test
  void shouldPrintADashForTheCommittedOffsetAndLagOfAPartitionWithoutACommit() {
    groupWithACommitOnOnePartitionOnly("dashed", "dasher");

    Result lag = cli.run("groups", "lag", "dashed", "--group", "dasher");
    assertThat(lag.exitCode()).as(lag.err()).isZero();
    assertThat(lag.out())
        .contains("total_lag  7\n")
        .contains("PARTITION  COMMITTED-OFFSET  LOG-END-OFFSET  LAG\n")
        .contains("0          3                 10              7\n")
        .contains("1          -                 4               -\n");

    Result describe = cli.run("groups", "describe", "dasher", "--topic", "dashed");
    assertThat(describe.exitCode()).as(describe.err()).isZero();
    assertThat(describe.out())
        .containsPattern("\n0\\s+-\\s+3\\s+10\\s+7\n")
        .containsPattern("\n1\\s+-\\s+-\\s+4\\s+-\n");
  }

  @Test
  void shouldShowNoTotalLagForAGroupWithoutAnyCommitOnTheTopic() {
    topicWithTenRecords("unread");
    // A v1 SUBSCRIBE names the group on the topic without committing anything.
    try (FlyMQClient client = FlyMQClient.builder().bootstrapServers(broker.bootstrap()).build()) {
      client.subscribe("unread", "idle", 0, "earliest");
    }

    Result lag = cli.run("groups", "lag", "unread", "--group", "idle", "-o", "json");

    assertThat(lag.exitCode()).as(lag.err()).isZero();
    assertThat(lag.out())
        .contains("\"total_lag\" : null")
        .contains("\"committed_offset\" : null")
        .contains("\"log_end_offset\" : 10")
        .contains("\"lag\" : null");
  }

  @Test
  void shouldReportAGroupUnknownOnTheTopicAsDescribeDoes() {
    topicWithTenRecords("unknown-group");

    Result lag = cli.run("groups", "lag", "unknown-group", "--group", "nobody");
    Result describe = cli.run("groups", "describe", "nobody", "--topic", "unknown-group");

    assertThat(lag.exitCode()).isEqualTo(1).isEqualTo(describe.exitCode());
    assertThat(lag.err())
        .contains("consumer group not found: unknown-group:nobody")
        .contains("hint: ")
        .isEqualTo(describe.err());
  }

  /** One field of every row of the command's {@code partitions}, by partition; null stays null. */
  private static Map<Integer, Long> column(ObjectMapper parser, Result result, String field)
      throws Exception {
    assertThat(result.exitCode()).as(result.err()).isZero();
    Map<Integer, Long> values = new TreeMap<>();
    for (JsonNode row : parser.readTree(result.out()).get("partitions")) {
      JsonNode value = row.get(field);
      values.put(row.get("partition").asInt(), value.isNull() ? null : value.asLong());
    }
    return values;
  }

  @Test
  void shouldResetToEveryKindOfTarget() {
    topicWithTenRecords("resettable");
    cli.run("subscribe", "resettable", "--group", "g3", "--from", "earliest", "-n", "5");

    Result earliest = cli.run("groups", "reset", "resettable", "--group", "g3", "--to", "earliest");
    assertThat(earliest.exitCode()).isZero();
    assertThat(earliest.out())
        .contains("PARTITION  PREVIOUS-OFFSET  NEW-OFFSET\n0          5                0\n");

    assertThat(reset("--to", "latest")).contains("\"new_offset\" : 10");
    assertThat(reset("--to", "3")).contains("\"previous_offset\" : 10", "\"new_offset\" : 3");
    assertThat(reset("--shift-by", "2")).contains("\"new_offset\" : 5");
    assertThat(reset("--shift-by", "-100")).contains("\"new_offset\" : 0");
    assertThat(reset("--shift-by", "100", "--partition", "0")).contains("\"new_offset\" : 10");
    assertThat(reset("--to", "@0")).contains("\"new_offset\" : 0");

    assertThat(cli.run("subscribe", "resettable", "-g", "g3", "-n", "1").out()).isEqualTo("0\n");
  }

  @Test
  void shouldShowNoPreviousOffsetWhenResettingAPartitionWithoutACommit() {
    groupWithACommitOnOnePartitionOnly("half-committed", "halfway");

    Result reset =
        cli.run("groups", "reset", "half-committed", "--group", "halfway", "--shift-by", "2");

    assertThat(reset.exitCode()).as(reset.err()).isZero();
    // Partition 1 was never committed: no previous offset, and the shift counts from the log start.
    assertThat(reset.out())
        .contains("PARTITION  PREVIOUS-OFFSET  NEW-OFFSET\n")
        .contains("0          3                5\n")
        .contains("1          -                2\n");
  }

  private String reset(String... target) {
    List<String> args =
        new ArrayList<>(List.of("groups", "reset", "resettable", "--group", "g3", "-o", "json"));
    args.addAll(List.of(target));
    Result result = cli.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out();
  }

  @Test
  void shouldRequireExactlyOneResetTarget() {
    topicWithTenRecords("targets");

    assertThat(cli.run("groups", "reset", "targets", "-g", "g").exitCode()).isEqualTo(2);
    assertThat(
            cli.run("groups", "reset", "targets", "-g", "g", "--to", "0", "--shift-by", "1")
                .exitCode())
        .isEqualTo(2);
  }

  @Test
  void shouldListDescribeAndDeleteGroups() {
    topicWithTenRecords("listed");
    cli.run("subscribe", "listed", "--group", "lister", "--from", "earliest", "-n", "3");

    Result list = cli.run("groups", "list", "-o", "json");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out())
        .contains(
            "\"group\" : \"lister\",\n  \"topic\" : \"listed\",\n  \"members\" : 0,\n  \"partitions\" : 1");

    Result describe = cli.run("groups", "describe", "lister", "--topic", "listed");
    assertThat(describe.exitCode()).isZero();
    assertThat(describe.out())
        .contains("topic", "listed")
        .containsPattern("0\\s+-\\s+3\\s+10\\s+7");

    Result deleted = cli.run("groups", "delete", "lister");
    assertThat(deleted.exitCode()).isZero();
    assertThat(deleted.out()).isEqualTo("deleted group lister\n");

    Result gone = cli.run("groups", "describe", "lister");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("consumer group not found: :lister").contains("hint: ");
  }

  @Test
  void shouldDescribeLiveMembersTheirPartitionsAndWhyMembersLeft() {
    topicWithTenRecords("watched");
    java.util.Map<String, String> props =
        java.util.Map.of(
            "bootstrap.servers", broker.bootstrap(),
            "group.id", "watchers",
            "auto.offset.reset", "earliest");
    String memberId;
    try (io.flymq.client.consumer.FlyMQConsumer<byte[], byte[]> member =
        new io.flymq.client.consumer.FlyMQConsumer<>(
            props,
            io.flymq.client.serde.Serdes.bytesDeserializer(),
            io.flymq.client.serde.Serdes.bytesDeserializer())) {
      member.subscribe(List.of("watched"));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(
              () -> {
                member.poll(java.time.Duration.ofMillis(200));
                return !member.assignment().isEmpty();
              });
      member.commitSync();
      memberId = member.groupMetadata().memberId();

      // The broker learns what the member owns from its next heartbeat: Reconciling until then.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                member.poll(java.time.Duration.ofMillis(100));
                Result live = cli.run("groups", "describe", "watchers", "--topic", "watched");
                assertThat(live.exitCode()).isZero();
                assertThat(live.out())
                    .contains("state       Stable")
                    .contains(memberId)
                    .containsPattern(memberId + "\\s+-\\s+127.0.0.1:\\d+\\s+watched-0");
              });
    }
    Result after = cli.run("groups", "describe", "watchers", "-o", "json");
    assertThat(after.exitCode()).isZero();
    assertThat(after.out()).contains("\"reason\" : \"left\"").contains(memberId);
  }
}
