package io.flymq.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProducerPerformanceTest {
  private static final String PROGRESS =
      "\\d+ records sent, \\d+\\.\\d records/sec \\(\\d+\\.\\d\\d MB/sec\\), \\d+\\.\\d ms avg"
          + " latency, \\d+\\.\\d ms max latency\\.";
  private static final String SUMMARY =
      "\\d+%s records sent, \\d+\\.\\d{6} records/sec \\(\\d+\\.\\d\\d MB/sec\\), \\d+\\.\\d\\d ms"
          + " avg latency, \\d+\\.\\d\\d ms max latency, \\d+ ms 50th, \\d+ ms 95th, \\d+ ms 99th,"
          + " \\d+ ms 99\\.9th\\.";

  private final FakeProducer producer = new FakeProducer();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(1_000_000);

  @Test
  void shouldPrintProgressLinesAndKafkasSummaryLine() throws Exception {
    int status = run("--num-records 3000 --record-size 100 --reporting-interval 1000");
    assertThat(status).isZero();
    List<String> lines = lines();
    assertThat(lines.subList(0, lines.size() - 1)).isNotEmpty().allMatch(l -> l.matches(PROGRESS));
    String summary = lines.get(lines.size() - 1);
    assertThat(summary).matches(SUMMARY.formatted("")).startsWith("3000 records sent, ");
    assertThat(producer.values).hasSize(3000).allMatch(v -> v.length == 100);
    assertThat(new String(producer.values.get(0), StandardCharsets.US_ASCII)).matches("[A-Z]{100}");
    assertThat(producer.closed).isTrue();
  }

  @Test
  void shouldPrintTheSteadyStateSummaryAfterTheWholeRunsWithWarmupRecords() throws Exception {
    int status =
        run("--num-records 3000 --warmup-records 1000 --record-size 10 --reporting-interval 500");
    assertThat(status).isZero();
    List<String> lines = lines();
    assertThat(lines.get(0))
        .isEqualTo(
            "Warmup first 1000 records. Steady state results will print after the complete test"
                + " summary.");
    assertThat(lines).contains("In steady state.");
    assertThat(lines.get(lines.size() - 2)).matches(SUMMARY.formatted("")).startsWith("3000 ");
    assertThat(lines.get(lines.size() - 1))
        .matches(SUMMARY.formatted(" steady state"))
        .startsWith("2000 steady state records sent, ");
  }

  @Test
  void shouldBeReadByKafkaPerfParsers() throws Exception {
    assumeThat(KafkaPerfParsers.script()).as("shared/bench/kafka-perf.sh").isNotNull();
    run("--num-records 3000 --warmup-records 1000 --record-size 100 --reporting-interval 500");
    String output = bytes.toString(StandardCharsets.UTF_8);
    Map<String, String> all = KafkaPerfParsers.parse("parse_producer_perf", output);
    assertThat(all.keySet())
        .containsExactly("recs_s", "MiB_s", "avg_ms", "p50_ms", "p99_ms", "p999_ms");
    Map<String, String> steady = KafkaPerfParsers.parse("parse_producer_steady", output);
    assertThat(steady.keySet())
        .containsExactly(
            "recs_s",
            "MiB_s",
            "avg_ms",
            "p50_ms",
            "p99_ms",
            "p999_ms",
            "all_p99_ms",
            "all_p999_ms");
    String steadyLine = lines().get(lines().size() - 1);
    assertThat(steadyLine).contains(steady.get("recs_s") + " records/sec");
    assertThat(steady.get("p99_ms")).isEqualTo("1"); // the fake clock: every record took 1 ms
  }

  @Test
  void shouldFailWhenARecordFails() throws Exception {
    producer.failAt.add(5);
    assertThat(run("--num-records 10 --record-size 1")).isEqualTo(1);
    assertThat(lines().get(0)).startsWith("9 records sent, ");
  }

  @Test
  void shouldReportSettingsTheProducerRejects() throws Exception {
    ProducerPerfOptions options =
        ProducerPerfOptions.parse(args("--num-records 10 --record-size 1"));
    int status =
        ProducerPerformance.run(
            options,
            props -> {
              throw new IllegalArgumentException("unknown key: foo");
            },
            out,
            clock::incrementAndGet);
    assertThat(status).isEqualTo(1);
  }

  private int run(String line) throws Exception {
    return ProducerPerformance.run(
        ProducerPerfOptions.parse(args(line)), props -> producer, out, clock::incrementAndGet);
  }

  private static String[] args(String line) {
    return ("--bootstrap-server 127.0.0.1:1 --topic t --throughput -1 " + line).split(" ");
  }

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
