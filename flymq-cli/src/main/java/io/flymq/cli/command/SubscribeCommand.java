package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.client.TopicPartition;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.client.consumer.FlyMQConsumer;
import io.flymq.client.consumer.OffsetAndMetadata;
import io.flymq.client.consumer.WakeupException;
import io.flymq.client.serde.Serdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code subscribe TOPIC --group G}: follows a topic from the group's committed offsets and commits
 * what it printed (about every second, and on exit). Ctrl-C commits and exits 0.
 *
 * <p>It commits the offsets after the records it <em>printed</em>, not the consumer's position:
 * with {@code --count} the last poll may return more records than are printed, and those must stay
 * unread for the group.
 */
@Command(
    name = "subscribe",
    description = {
      "Follow a topic as a consumer group: start at the group's committed offsets, commit as it goes.",
      "Members of one group share the topic's partitions (the broker assigns them and moves",
      "them when members come and go). Ctrl-C commits, leaves the group and exits 0."
    },
    footerHeading = "%nExample:%n",
    footer = "  flymq-cli subscribe orders --group billing --from earliest --format '%%o %%v\\n'")
final class SubscribeCommand extends BaseCommand {
  private static final long COMMIT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  @Mixin ConnectionOptions connection;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "TOPIC", description = "The topic.")
  String topic;

  @Option(
      names = {"-g", "--group"},
      required = true,
      description = "The consumer group.")
  String group;

  @Option(
      names = "--from",
      defaultValue = "latest",
      description =
          "Where a group without a committed offset starts: earliest or latest"
              + " (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(
      names = {"-n", "--count"},
      description = "Stop (and commit) after this many records (default: follow until Ctrl-C).")
  Long count;

  @Mixin RecordFormatOptions records;

  SubscribeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Integer call() {
    StartPosition start = StartPosition.parse("--from", from);
    if (start.kind() != StartPosition.Kind.EARLIEST && start.kind() != StartPosition.Kind.LATEST) {
      throw usage(
          "--from: '"
              + from
              + "' (expected: earliest or latest; use 'groups reset' to move a group elsewhere)");
    }
    RecordPrinter printer = records.printer(ctx.out(), output.format);
    Map<String, String> props = new LinkedHashMap<>(connection().clientProperties());
    props.put("group.id", group);
    props.put("enable.auto.commit", "false");
    props.put(
        "auto.offset.reset", start.kind() == StartPosition.Kind.EARLIEST ? "earliest" : "latest");
    Map<TopicPartition, OffsetAndMetadata> printed = new HashMap<>();
    try (FlyMQConsumer<byte[], byte[]> consumer =
        new FlyMQConsumer<>(props, Serdes.bytesDeserializer(), Serdes.bytesDeserializer())) {
      consumer.subscribe(List.of(topic));
      Interrupts.Registration stop = ctx.interrupts().onInterrupt(consumer::wakeup);
      try {
        follow(consumer, printer, printed);
      } catch (WakeupException e) {
        printer.flush(); // Ctrl-C: commit below, then a clean exit
      } finally {
        stop.close();
      }
      commitOwned(consumer, printed);
    }
    return 0;
  }

  private void follow(
      FlyMQConsumer<byte[], byte[]> consumer,
      RecordPrinter printer,
      Map<TopicPartition, OffsetAndMetadata> printed) {
    long seen = 0;
    long lastCommit = System.nanoTime();
    while (count == null || seen < count) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        printer.print(record);
        printed.put(record.topicPartition(), OffsetAndMetadata.of(record.offset() + 1));
        if (++seen == (count == null ? -1 : count)) {
          break;
        }
      }
      printer.flush();
      if (!printed.isEmpty() && System.nanoTime() - lastCommit > COMMIT_INTERVAL_NANOS) {
        commitOwned(consumer, printed);
        lastCommit = System.nanoTime();
      }
    }
  }

  /**
   * Commits what was printed for the partitions this member still owns: a partition the group moved
   * to another member during a rebalance is that member's to commit now.
   */
  private static void commitOwned(
      FlyMQConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> printed) {
    printed.keySet().retainAll(consumer.assignment());
    if (!printed.isEmpty()) {
      consumer.commitSync(printed);
    }
  }
}
