package io.flymq.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerPerfOptionsTest {
  @TempDir Path dir;

  @Test
  void shouldParseKafkaPerfW1CommandLine() throws Exception {
    ProducerPerfOptions o =
        ProducerPerfOptions.parse(
            ("--bootstrap-server 127.0.0.1:9092 --topic t --num-records 2000000 --record-size 100"
                    + " --throughput -1 --command-property acks=1")
                .split(" "));
    assertThat(o.topic()).isEqualTo("t");
    assertThat(o.numRecords()).isEqualTo(2_000_000);
    assertThat(o.recordSize()).contains(100);
    assertThat(o.throughput()).isEqualTo(-1);
    assertThat(o.warmupRecords()).isZero();
    assertThat(o.reportingIntervalMs()).isEqualTo(5000);
    assertThat(o.producerProps())
        .containsEntry("bootstrap.servers", "127.0.0.1:9092")
        .containsEntry("acks", "1")
        .containsEntry("client.id", "perf-producer-client");
  }

  @Test
  void shouldTakeSeveralPropertiesAfterOneCommandPropertyFlag() throws Exception {
    ProducerPerfOptions o =
        ProducerPerfOptions.parse(
            ("--topic t --num-records 50000 --record-size 100 --throughput -1 --bootstrap-server"
                    + " h:1 --command-property acks=1 linger.ms=0 batch.size=1"
                    + " max.in.flight.requests.per.connection=1 --warmup-records 10")
                .split(" "));
    assertThat(o.producerProps())
        .containsEntry("linger.ms", "0")
        .containsEntry("batch.size", "1")
        .containsEntry("max.in.flight.requests.per.connection", "1");
    assertThat(o.warmupRecords()).isEqualTo(10);
  }

  @Test
  void shouldLetCommandPropertiesOverrideTheConfigFileAndBootstrapServerOverrideBoth()
      throws Exception {
    Path file = dir.resolve("producer.properties");
    Files.writeString(file, "acks=all\nlinger.ms=7\nbootstrap.servers=file:1\n");
    ProducerPerfOptions o =
        ProducerPerfOptions.parse(
            new String[] {
              "--topic",
              "t",
              "--num-records",
              "1",
              "--record-size",
              "1",
              "--throughput",
              "-1",
              "--producer.config",
              file.toString(),
              "--producer-props",
              "acks=1",
              "bootstrap.servers=props:2",
              "--bootstrap-server",
              "flag:3"
            });
    assertThat(o.producerProps())
        .containsEntry("acks", "1")
        .containsEntry("linger.ms", "7")
        .containsEntry("bootstrap.servers", "flag:3");
  }

  @Test
  void shouldRejectMistakesWithWhatWasExpected() {
    assertThatThrownBy(
            () -> parse("--topic t --num-records 10 --throughput -1 --bootstrap-server h:1"))
        .hasMessageContaining("exactly one of --record-size, --payload-file");
    assertThatThrownBy(
            () ->
                parse(
                    "--topic t --num-records 10 --record-size 1 --throughput -1"
                        + " --warmup-records 10 --bootstrap-server h:1"))
        .hasMessageContaining("--warmup-records: 10 (expected: < --num-records 10)");
    assertThatThrownBy(() -> parse("--topic t --num-records 10 --record-size 1 --throughput -1"))
        .hasMessageContaining("--bootstrap-server");
    assertThatThrownBy(
            () ->
                parse(
                    "--topic t --num-records x --record-size 1 --throughput -1 --bootstrap-server h:1"))
        .hasMessage("--num-records: x (expected: an integer)");
    assertThatThrownBy(
            () ->
                parse(
                    "--topic t --num-records 1 --record-size 1 --throughput 0 --bootstrap-server h:1"))
        .hasMessageContaining("expected: > 0, or -1 for unthrottled");
    assertThatThrownBy(() -> parse("--topic t --bogus 1"))
        .hasMessageStartingWith("unknown option: --bogus (expected one of:");
    assertThatThrownBy(
            () ->
                parse(
                    "--topic t --num-records 1 --record-size 1 --throughput -1 --bootstrap-server h:1"
                        + " --command-property acks"))
        .hasMessage("invalid property: acks (expected: key=value)");
    assertThatThrownBy(() -> parse("--topic")).hasMessage("--topic: missing value");
  }

  private static ProducerPerfOptions parse(String line) throws Exception {
    return ProducerPerfOptions.parse(line.split(" "));
  }
}
