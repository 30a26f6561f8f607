package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import io.flymq.server.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceConsumeIT {
  private static TestBroker broker;
  private CliRunner cli;
  @TempDir Path home;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @BeforeEach
  void runner() {
    cli = new CliRunner(broker.bootstrap(), home.resolve("config.yaml"));
  }

  @Test
  void shouldPipeOneHundredThousandLinesThroughInOrder() {
    cli.run("topics", "create", "piped");
    String lines =
        IntStream.rangeClosed(1, 100_000)
            .mapToObj(Integer::toString)
            .collect(Collectors.joining("\n", "", "\n"));

    Result produced = cli.runWithInput(lines.getBytes(StandardCharsets.UTF_8), "produce", "piped");
    assertThat(produced.exitCode()).isZero();
    assertThat(produced.out()).isEmpty();
    assertThat(produced.err()).isEmpty();

    Result consumed =
        cli.run("consume", "piped", "--from", "earliest", "--count", "100000", "--format", "%v\\n");
    assertThat(consumed.exitCode()).isZero();
    assertThat(consumed.err()).isEmpty();
    assertThat(consumed.out()).isEqualTo(lines);
  }

  @Test
  void shouldPrintWhereASingleValueLanded() {
    cli.run("topics", "create", "single", "--partitions", "2");

    Result first = cli.run("produce", "single", "hello", "--partition", "1", "-o", "json");
    assertThat(first.exitCode()).isZero();
    assertThat(first.out())
        .contains("\"topic\" : \"single\"", "\"partition\" : 1", "\"offset\" : 0");

    Result second = cli.run("produce", "single", "again", "--partition", "1");
    assertThat(second.out()).contains("partition  1\n").contains("offset     1\n");
  }

  @Test
  void shouldCarryKeysAndHeadersAndPrintThemInAnyFormat() {
    cli.run("topics", "create", "keyed");
    cli.run("produce", "keyed", "v1", "--key", "k1", "--header", "source=cli", "-H", "trace=7");

    Result formatted =
        cli.run(
            "consume",
            "keyed",
            "--from",
            "earliest",
            "--count",
            "1",
            "--format",
            "%t %p %o %k=%v [%h]\\n");
    assertThat(formatted.out()).isEqualTo("keyed 0 0 k1=v1 [source=cli,trace=7]\n");

    Result showKey = cli.run("consume", "keyed", "--from", "earliest", "-n", "1", "--show-key");
    assertThat(showKey.out()).isEqualTo("k1\tv1\n");

    Result json = cli.run("consume", "keyed", "--from", "earliest", "-n", "1", "-o", "json");
    assertThat(json.out())
        .startsWith("{\"topic\":\"keyed\",\"partition\":0,\"offset\":0,\"timestamp\":")
        .endsWith(
            "\"key\":\"k1\",\"value\":\"v1\",\"headers\":[{\"key\":\"source\",\"value\":\"cli\"},"
                + "{\"key\":\"trace\",\"value\":\"7\"}]}\n");
  }

  @Test
  void shouldParseStdinWithTheFormatLanguage() {
    cli.run("topics", "create", "formatted", "--partitions", "3");
    String input = "a\t1\t2\nb\t2\t2\nc\t3\t0\n";

    Result produced =
        cli.runWithInput(
            input.getBytes(StandardCharsets.UTF_8),
            "produce",
            "formatted",
            "--format",
            "%k\\t%v\\t%p\\n");
    assertThat(produced.exitCode()).isZero();

    Result p2 =
        cli.run(
            "consume",
            "formatted",
            "--partition",
            "2",
            "--from",
            "earliest",
            "-n",
            "2",
            "--format",
            "%k=%v\\n");
    assertThat(p2.out()).isEqualTo("a=1\nb=2\n");
    Result bad =
        cli.runWithInput(
            "x\n".getBytes(StandardCharsets.UTF_8),
            "produce",
            "formatted",
            "--format",
            "%k\\t%v\\n");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .contains("record 1: the input ended (expected: '\\t' as the format says)");
  }

  @Test
  void shouldProduceFromAFile() throws Exception {
    cli.run("topics", "create", "from-file");
    Path file = home.resolve("records.txt");
    Files.writeString(file, "one\ntwo\nthree");

    Result produced = cli.run("produce", "from-file", "--file", file.toString(), "--progress");
    assertThat(produced.exitCode()).isZero();
    assertThat(produced.err()).contains("3 records in");

    assertThat(cli.run("consume", "from-file", "--from", "1", "-n", "2").out())
        .isEqualTo("two\nthree\n");
  }

  @Test
  void shouldStartAtATimestamp() throws Exception {
    cli.run("topics", "create", "timed");
    cli.run("produce", "timed", "old");
    Thread.sleep(50);
    Instant between = Instant.now();
    Thread.sleep(50);
    cli.run("produce", "timed", "new");

    Result iso = cli.run("consume", "timed", "--from", between.toString(), "-n", "1");
    assertThat(iso.out()).isEqualTo("new\n");
    Result epoch = cli.run("consume", "timed", "--from", "@" + between.toEpochMilli(), "-n", "1");
    assertThat(epoch.out()).isEqualTo("new\n");
  }

  @Test
  void shouldStopCleanlyOnCtrlCWhenFollowing() throws Exception {
    cli.run("topics", "create", "followed");
    cli.run("produce", "followed", "x");
    Interrupts interrupts = new Interrupts();
    Thread stopper =
        new Thread(
            () -> {
              try {
                Thread.sleep(1500);
              } catch (InterruptedException e) {
                return;
              }
              interrupts.fire();
            });
    stopper.start();

    Result result =
        cli.runWith(
            new java.io.ByteArrayInputStream(new byte[0]),
            interrupts,
            "consume",
            "followed",
            "--from",
            "earliest");
    stopper.join();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("x\n");
  }

  @Test
  void shouldRejectBadArgumentsAsUsageErrors() {
    cli.run("topics", "create", "usage");

    assertThat(cli.run("consume", "usage", "--from", "yesterday").exitCode()).isEqualTo(2);
    Result badPartition = cli.run("consume", "usage", "--partition", "5", "-n", "1");
    assertThat(badPartition.exitCode()).isEqualTo(2);
    assertThat(badPartition.err()).contains("--partition: 5 (expected: 0..0 for usage)");
    Result badFormat = cli.run("consume", "usage", "-n", "1", "--format", "%z");
    assertThat(badFormat.exitCode()).isEqualTo(2);
    assertThat(badFormat.err()).contains("unknown token %z");
    assertThat(cli.run("produce", "usage", "v", "--file", "x").exitCode()).isEqualTo(2);
  }
}
