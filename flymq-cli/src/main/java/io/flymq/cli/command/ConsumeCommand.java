package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.consumer.FlyMQConsumer;
import io.flymq.client.consumer.OffsetAndTimestamp;
import io.flymq.client.consumer.WakeupException;
import io.flymq.client.serde.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consume TOPIC}: reads a topic's partitions (or one) from a start position, without a
 * consumer group and without committing; stops after {@code --count} records, else follows until
 * Ctrl-C (exit 0).
 */
@Command(
    name = "consume",
    description = {
      "Read records from a topic, without a consumer group (nothing is committed).",
      "Prints the value per line by default; --format takes %%t %%k %%v %%p %%o %%d %%h and \\n \\t.",
      "Without --count, follows the topic until Ctrl-C."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  flymq-cli consume orders --from earliest --count 10",
      "  flymq-cli consume orders --from 2026-12-01T10:00:00Z --format '%%p/%%o %%k=%%v\\n'",
      "  flymq-cli consume orders --partition 2 --from 100 -o json"
    })
final class ConsumeCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "TOPIC", description = "The topic.")
  String topic;

  @Option(
      names = "--from",
      defaultValue = "earliest",
      paramLabel = "POSITION",
      description =
          "earliest, latest, an offset, or a time (ISO-8601 or @epoch-ms)"
              + " (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(
      names = {"-p", "--partition"},
      description = "Read only this partition (default: all).")
  Integer partition;

  @Option(
      names = {"-n", "--count"},
      description = "Stop after this many records (default: follow until Ctrl-C).")
  Long count;

  @Mixin RecordFormatOptions records;

  ConsumeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Integer call() {
    StartPosition start = StartPosition.parse("--from", from);
    if (count != null && count < 0) {
      throw usage("--count: " + count + " (expected: >= 0)");
    }
    RecordPrinter printer = records.printer(ctx.out(), output.format);
    Map<String, String> connectionProps = connection().clientProperties();
    List<TopicPartition> partitions = partitions(connectionProps);
    Map<String, String> props = new LinkedHashMap<>(connectionProps);
    props.put("enable.auto.commit", "false");
    try (FlyMQConsumer<byte[], byte[]> consumer =
        new FlyMQConsumer<>(props, Serdes.bytesDeserializer(), Serdes.bytesDeserializer())) {
      consumer.assign(partitions);
      seek(consumer, partitions, start);
      Interrupts.Registration stop = ctx.interrupts().onInterrupt(consumer::wakeup);
      try {
        print(consumer, printer);
      } catch (WakeupException e) {
        printer.flush(); // Ctrl-C: a clean stop
      } finally {
        stop.close();
      }
    }
    return 0;
  }

  private void print(FlyMQConsumer<byte[], byte[]> consumer, RecordPrinter printer) {
    long printed = 0;
    while (count == null || printed < count) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        printer.print(record);
        if (++printed == (count == null ? -1 : count)) {
          break;
        }
      }
      printer.flush();
    }
  }

  private List<TopicPartition> partitions(Map<String, String> props) {
    int total;
    try (FlyMQClient client = client(props)) {
      total = client.topic(topic).partitions();
    }
    if (partition != null) {
      if (partition < 0 || partition >= total) {
        throw usage(
            "--partition: " + partition + " (expected: 0.." + (total - 1) + " for " + topic + ")");
      }
      return List.of(new TopicPartition(topic, partition));
    }
    List<TopicPartition> all = new ArrayList<>(total);
    for (int p = 0; p < total; p++) {
      all.add(new TopicPartition(topic, p));
    }
    return all;
  }

  static void seek(
      FlyMQConsumer<?, ?> consumer, List<TopicPartition> partitions, StartPosition start) {
    switch (start.kind()) {
      case EARLIEST -> consumer.seekToBeginning(partitions);
      case LATEST -> consumer.seekToEnd(partitions);
      case OFFSET -> partitions.forEach(tp -> consumer.seek(tp, start.value()));
      case TIMESTAMP -> {
        Map<TopicPartition, Long> times = new LinkedHashMap<>();
        partitions.forEach(tp -> times.put(tp, start.value()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        for (TopicPartition tp : partitions) {
          OffsetAndTimestamp at = found.get(tp);
          if (at == null) {
            consumer.seekToEnd(List.of(tp)); // nothing that new yet: wait for the next record
          } else {
            consumer.seek(tp, at.offset());
          }
        }
      }
    }
  }
}
