package io.flymq.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProduceLatencyTest {
  @Test
  void shouldParseTheSharedToolsArguments() {
    ProduceLatency.Options o =
        ProduceLatency.Options.parse(
            "127.0.0.1:9 t 50000 100 sync 1000 acks=1 linger.ms=0 max.in.flight.requests.per.connection=1"
                .split(" "));
    assertThat(o.records()).isEqualTo(50_000);
    assertThat(o.size()).isEqualTo(100);
    assertThat(o.ratePerSec()).isZero();
    assertThat(o.warmup()).isEqualTo(1000);
    assertThat(o.props())
        .containsEntry("bootstrap.servers", "127.0.0.1:9")
        .containsEntry("linger.ms", "0")
        .containsEntry("max.in.flight.requests.per.connection", "1");
    assertThat(ProduceLatency.Options.parse("b t 1 1 10000 0".split(" ")).ratePerSec())
        .isEqualTo(10_000);
    assertThatThrownBy(() -> ProduceLatency.Options.parse("b t 1 1 fast 0".split(" ")))
        .hasMessage("--MODE: fast (expected: an integer)");
  }

  @Test
  void shouldPrintTheKeyValueLineWithPercentilesOfTheSortedLatencies() {
    long[] latencies = new long[1000];
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = (1000 - i) * 1000L; // 1..1000 µs
    }
    // p99.9 of 1000 is the 1000th: 99.9 / 100 * 1000 is 999.0000000000001 in doubles, as in the
    // shared tool, which rounds the same way.
    assertThat(ProduceLatency.line(latencies, 100, 0.5, 0))
        .isEqualTo(
            "recs_s=2000 MiB_s=0.19 avg_ms=0.501 p50_ms=0.500 p99_ms=0.990 p999_ms=1.000"
                + " max_ms=1.000 errors=0");
  }

  @Test
  void shouldMeasureWithAFakeProducerAndBeReadByKafkaPerf() throws Exception {
    FakeProducer producer = new FakeProducer();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        ProduceLatency.run(
            ProduceLatency.Options.parse("b t 200 10 sync 20".split(" ")),
            props -> producer,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(producer.values).hasSize(220);
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertThat(line)
        .matches(
            "recs_s=\\d+ MiB_s=\\S+ avg_ms=\\S+ p50_ms=\\S+ p99_ms=\\S+ p999_ms=\\S+ max_ms=\\S+ errors=0\\R");
    assumeThat(KafkaPerfParsers.script()).isNotNull();
    Map<String, String> metrics = KafkaPerfParsers.parse("parse_kv", line);
    assertThat(metrics.keySet())
        .containsExactly(
            "recs_s", "MiB_s", "avg_ms", "p50_ms", "p99_ms", "p999_ms", "max_ms", "errors");
  }
}
