package io.flymq.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load tool against a broker it starts in this JVM: every record sent is acknowledged and
 * accounted for by the broker's offsets. Counts only, no timing assertions.
 */
class ProduceLoadIT {
  private static List<LoadResult> run(ByteArrayOutputStream printed, String... args)
      throws Exception {
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      return ProduceLoad.run(LoadOptions.parse(args), out);
    }
  }

  @Test
  void batchModeShouldAcknowledgeEveryRecordOnEveryPartition() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // 1,000 is not a multiple of the records per 4 KiB batch, so the last batch carries the
    // remainder.
    int perBatch = BatchLoad.recordsPerBatch(100, 4096);
    List<LoadResult> results =
        run(
            printed,
            "--mode",
            "batch",
            "--num-records",
            "1000",
            "--record-size",
            "100",
            "--batch-size",
            "4096",
            "--partitions",
            "3",
            "--connections",
            "2",
            "--inflight",
            "3",
            "--warmup-records",
            "200");

    assertThat(results).hasSize(1);
    LoadResult batch = results.get(0);
    assertThat(batch.records()).isEqualTo(1000);
    assertThat(batch.brokerRecords()).isEqualTo(1000);
    assertThat(batch.requests()).isEqualTo((1000 + perBatch - 1) / perBatch);
    assertThat(batch.valueBytes()).isEqualTo(100_000);
    assertThat(batch.latencyNanos().getTotalCount()).isEqualTo(batch.requests());
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("== batch summary ==", "records          1,000");
  }

  @Test
  void v1SyncModeShouldAcknowledgeEveryRoundTrip() throws Exception {
    List<LoadResult> results =
        run(
            new ByteArrayOutputStream(),
            "--mode",
            "v1-sync",
            "--num-records",
            "300",
            "--partitions",
            "2",
            "--warmup-records",
            "50");

    assertThat(results).hasSize(1);
    LoadResult v1 = results.get(0);
    assertThat(v1.records()).isEqualTo(300);
    assertThat(v1.requests()).isEqualTo(300);
    assertThat(v1.brokerRecords()).isEqualTo(300);
    assertThat(v1.latencyNanos().getTotalCount()).isEqualTo(300);
  }

  @Test
  void v1VsEchoShouldRunEchoFirstWithTheSameCount() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<LoadResult> results =
        run(printed, "--mode", "v1-vs-echo", "--num-records", "200", "--warmup-records", "20");

    assertThat(results).extracting(LoadResult::name).containsExactly("echo", "v1-sync");
    assertThat(results).extracting(LoadResult::records).containsExactly(200L, 200L);
    assertThat(results.get(0).brokerRecords()).isEqualTo(-1);
    assertThat(results.get(1).brokerRecords()).isEqualTo(200);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ratio v1/echo");
  }
}
