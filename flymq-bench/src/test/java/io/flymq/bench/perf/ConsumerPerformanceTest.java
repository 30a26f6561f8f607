package io.flymq.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsumerPerformanceTest {
  private static final String DATE = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{3}";
  private static final String SUMMARY =
      DATE
          + ", "
          + DATE
          + ", \\d+\\.\\d{4}, \\d+\\.\\d{4}, \\d+, \\d+\\.\\d{4}, \\d+, \\d+,"
          + " \\d+\\.\\d{4}, \\d+\\.\\d{4}";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  @Test
  void shouldPrintKafkasHeaderAndSummaryColumns() throws Exception {
    FakeConsumer consumer = new FakeConsumer(10_000, 100, 500);
    assertThat(run(consumer, "--num-records 10000 --group g")).isZero();
    List<String> lines = lines();
    assertThat(lines)
        .containsExactly(
            "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
                + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
            lines.get(1));
    assertThat(lines.get(1)).matches(SUMMARY);
    String[] columns = lines.get(1).split(", ");
    assertThat(columns[2]).isEqualTo("0.9537"); // 1,000,000 bytes in MiB
    assertThat(columns[4]).isEqualTo("10000");
    assertThat(columns[6]).as("rebalance.time.ms: subscribe to the 2nd poll").isEqualTo("3");
    assertThat(consumer.closed).isTrue();
  }

  @Test
  void shouldFormatKafkasExampleLineExactly() {
    ConsumerPerfFormat format = new ConsumerPerfFormat("yyyy-MM-dd HH:mm:ss:SSS");
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      long start = 1_764_624_590_220L; // 2025-12-01 21:29:50.220 UTC
      format = new ConsumerPerfFormat("yyyy-MM-dd HH:mm:ss:SSS");
      assertThat(format.summary(start, start + 1312, 7_000_000, 70_000, 961))
          .isEqualTo(
              "2025-12-01 21:29:50:220, 2025-12-01 21:29:51:532, 6.6757, 5.0882, 70000,"
                  + " 53353.6585, 961, 351, 19.0191, 199430.1994");
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void shouldPrintOnlyTheSummaryWithHideHeaderAndBeReadByKafkaPerf() throws Exception {
    assumeThat(KafkaPerfParsers.script()).as("shared/bench/kafka-perf.sh").isNotNull();
    run(new FakeConsumer(5000, 100, 1000), "--num-records 5000 --hide-header --group g");
    assertThat(lines()).hasSize(1);
    Map<String, String> metrics =
        KafkaPerfParsers.parse("parse_consumer_perf", bytes.toString(StandardCharsets.UTF_8));
    assertThat(metrics).containsKeys("recs_s", "MiB_s").containsEntry("records", "5000");
    assertThat(metrics.get("join_ms")).isEqualTo("3");
  }

  @Test
  void shouldPrintDetailedProgressLinesAndNoSummary() throws Exception {
    run(
        new FakeConsumer(5000, 10, 100),
        "--num-records 5000 --show-detailed-stats --reporting-interval 3 --group g");
    List<String> lines = lines();
    assertThat(lines.get(0)).startsWith("time, threadId, data.consumed.in.MB");
    assertThat(lines.subList(1, lines.size()))
        .isNotEmpty()
        .allMatch(
            l ->
                l.matches(
                    DATE
                        + ", 0, \\d+\\.\\d{4}, \\d+\\.\\d{4}, \\d+, \\d+\\.\\d{4}, \\d+, \\d+,"
                        + " \\d+\\.\\d{4}, \\d+\\.\\d{4}"));
  }

  @Test
  void shouldWarnWhenTheTimeoutEndsTheRun() throws Exception {
    run(new FakeConsumer(100, 10, 100), "--num-records 200 --timeout 50 --hide-header --group g");
    assertThat(lines().get(0))
        .isEqualTo(
            "WARNING: Exiting before consuming the expected number of messages: timeout (50 ms)"
                + " exceeded. You can use the --timeout option to increase the timeout.");
    assertThat(lines().get(1).split(", ")[4]).isEqualTo("100");
  }

  @Test
  void shouldParseKafkaPerfW5CommandLine() throws Exception {
    ConsumerPerfOptions o =
        ConsumerPerfOptions.parse(
            ("--bootstrap-server 127.0.0.1:9092 --hide-header --topic t --num-records 2000000"
                    + " --timeout 30000 --group G --command-property fetch.max.wait.ms=100")
                .split(" "));
    assertThat(o.topic()).contains("t");
    assertThat(o.numRecords()).isEqualTo(2_000_000);
    assertThat(o.timeoutMs()).isEqualTo(30_000);
    assertThat(o.hideHeader()).isTrue();
    assertThat(o.consumerProps())
        .containsEntry("group.id", "G")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("fetch.max.wait.ms", "100")
        .containsEntry("client.id", "perf-consumer-client")
        .doesNotContainKey("receive.buffer.bytes");
    assertThatThrownBy(
            () -> ConsumerPerfOptions.parse("--bootstrap-server h:1 --topic t".split(" ")))
        .hasMessage("--num-records is required");
    assertThatThrownBy(
            () -> ConsumerPerfOptions.parse("--bootstrap-server h:1 --num-records 1".split(" ")))
        .hasMessage("exactly one of --topic or --include is required");
  }

  private int run(FakeConsumer consumer, String line) throws Exception {
    ConsumerPerfOptions options =
        ConsumerPerfOptions.parse(("--bootstrap-server 127.0.0.1:1 --topic t " + line).split(" "));
    return ConsumerPerformance.run(options, props -> consumer, out, clock::incrementAndGet);
  }

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
