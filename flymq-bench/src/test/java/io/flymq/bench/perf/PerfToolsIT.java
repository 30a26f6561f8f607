package io.flymq.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.bench.broker.InProcessBroker;
import io.flymq.client.FlyMQ;
import io.flymq.client.FlyMQClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The perf tools end to end against a broker in this JVM, through the real FlyMQ producer and
 * consumer: what they print is what kafka-perf.sh's parsers read, and the consumer reads back every
 * record the producer sent.
 */
class PerfToolsIT {
  private static InProcessBroker broker;
  private static String bootstrap;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void startBroker() throws Exception {
    broker = InProcessBroker.start("never", Map.of());
    bootstrap = "127.0.0.1:" + broker.address().getPort();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void shouldProduceThenConsumeEveryRecordWithKafkasOutputLines() throws Exception {
    createTopic("perf-it", 3);
    int status =
        ProducerPerformance.run(
            ProducerPerfOptions.parse(
                args(
                    "--bootstrap-server %s --topic perf-it --num-records 5000 --warmup-records 1000"
                        + " --record-size 100 --throughput -1 --command-property acks=1")),
            Clients::producer,
            out,
            System::currentTimeMillis);
    assertThat(status).isZero();
    List<String> lines = lines();
    assertThat(lines.get(lines.size() - 2)).startsWith("5000 records sent, ").endsWith("99.9th.");
    assertThat(lines.get(lines.size() - 1)).startsWith("4000 steady state records sent, ");

    bytes.reset();
    status =
        ConsumerPerformance.run(
            ConsumerPerfOptions.parse(
                args(
                    "--bootstrap-server %s --topic perf-it --num-records 5000 --timeout 20000"
                        + " --group perf-it-g --hide-header")),
            Clients::consumer,
            out,
            System::currentTimeMillis);
    assertThat(status).isZero();
    assertThat(lines()).hasSize(1);
    String[] columns = lines().get(0).split(", ");
    assertThat(columns[4]).as("records").isEqualTo("5000");
    assertThat(columns[2]).as("MB").isEqualTo("0.4768"); // 500,000 value bytes, no keys
  }

  @Test
  void shouldMeasureSynchronousSendsInMicroseconds() throws Exception {
    createTopic("perf-it-sync", 1);
    int status =
        ProduceLatency.run(
            ProduceLatency.Options.parse(
                new String[] {
                  bootstrap,
                  "perf-it-sync",
                  "2000",
                  "100",
                  "sync",
                  "200",
                  "acks=1",
                  "linger.ms=0",
                  "max.in.flight.requests.per.connection=1"
                }),
            Clients::producer,
            out);
    assertThat(status).isZero();
    assertThat(lines()).singleElement().asString().startsWith("recs_s=").endsWith(" errors=0");
  }

  private static void createTopic(String topic, int partitions) {
    try (FlyMQClient client = FlyMQ.connect(bootstrap)) {
      TopicTool.run(client, List.of("create", topic, String.valueOf(partitions)), System.out);
    }
  }

  private static String[] args(String format) {
    return format.formatted(bootstrap).split(" ");
  }

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
