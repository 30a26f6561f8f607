package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.server.testing.TestBroker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupsIT {
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

  @Test
  void shouldShowAGroupThatNeverCommittedWithAllRecordsAsLag() {
    topicWithTenRecords("unread");

    Result lag = cli.run("groups", "lag", "unread", "--group", "nobody", "-o", "json");

    assertThat(lag.exitCode()).isZero();
    assertThat(lag.out()).contains("\"committed_offset\" : null").contains("\"total_lag\" : 10");
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
