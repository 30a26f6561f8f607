package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.cli.output.OutputFormat;
import io.flymq.client.FlyMQClient;
import io.flymq.client.TopicInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code topics create|list|describe|delete|alter-config}: topic administration. */
@Command(
    name = "topics",
    description = "Create, list, describe, delete topics and change their settings.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExample:%n",
    footer = "  flymq-cli topics create orders --partitions 6",
    subcommands = {
      TopicsCommand.Create.class,
      TopicsCommand.ListTopics.class,
      TopicsCommand.Describe.class,
      TopicsCommand.Delete.class,
      TopicsCommand.AlterConfig.class
    })
final class TopicsCommand {
  private TopicsCommand() {}

  @Command(
      name = "create",
      description = "Create a topic.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli topics create orders --partitions 6")
  static final class Create extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "TOPIC", description = "The topic name.")
    String topic;

    @Option(
        names = {"-p", "--partitions"},
        defaultValue = "1",
        description = "Number of partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    Create(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      if (partitions < 1) {
        throw usage("--partitions: " + partitions + " (expected: >= 1)");
      }
      try (FlyMQClient client = client()) {
        client.createTopic(topic, partitions);
        TopicInfo info = client.topic(topic);
        output.printer(ctx.out()).object(topicFields(info));
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      aliases = "ls",
      description = "List the topics with their partition counts.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli topics list -o json")
  static final class ListTopics extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    ListTopics(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      try (FlyMQClient client = client()) {
        List<String> names = client.listTopics().stream().sorted().toList();
        List<CompletableFuture<TopicInfo>> infos = new ArrayList<>();
        for (String name : names) {
          infos.add(client.topicAsync(name));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CompletableFuture<TopicInfo> info : infos) {
          rows.add(topicFields(FlyMQClient.await(info)));
        }
        output.printer(ctx.out()).rows(List.of("name", "partitions", "replication_factor"), rows);
      }
      return 0;
    }
  }

  @Command(
      name = "describe",
      description = "Show a topic's partitions with their first and next offsets.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli topics describe orders")
  static final class Describe extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "TOPIC", description = "The topic name.")
    String topic;

    Describe(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      try (FlyMQClient client = client()) {
        TopicInfo info = client.topic(topic);
        Map<String, Object> fields = topicFields(info);
        fields.put("configs", client.topicConfig(topic));
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int p = 0; p < info.partitions(); p++) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("partition", p);
          row.put("log_start_offset", client.subscribe(topic, "", p, "earliest"));
          row.put("log_end_offset", client.subscribe(topic, "", p, "latest"));
          partitions.add(row);
        }
        if (output.format == OutputFormat.TABLE) {
          output.printer(ctx.out()).object(fields);
          ctx.out().println();
          output
              .printer(ctx.out())
              .rows(List.of("partition", "log_start_offset", "log_end_offset"), partitions);
        } else {
          Map<String, Object> document = fields;
          document.put("partition_offsets", partitions);
          output.printer(ctx.out()).document(document);
        }
      }
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete a topic and all its data.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli topics delete orders")
  static final class Delete extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "TOPIC", description = "The topic name.")
    String topic;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      try (FlyMQClient client = client()) {
        client.deleteTopic(topic);
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", topic);
      fields.put("deleted", true);
      output.printer(ctx.out()).object(fields);
      return 0;
    }
  }

  @Command(
      name = "alter-config",
      description = {
        "Change a topic's settings; the broker applies them to its partitions at once.",
        "Keys: retention_ms, retention_bytes, segment_bytes, segment_ms, cleanup_policy",
        "(delete|compact), max_message_bytes, message_timestamp_type, delete_retention_ms."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  flymq-cli topics alter-config orders --set retention_ms=86400000",
        "  flymq-cli topics alter-config orders --set cleanup_policy=compact --delete retention_ms"
      })
  static final class AlterConfig extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "TOPIC", description = "The topic name.")
    String topic;

    @Option(
        names = "--set",
        paramLabel = "KEY=VALUE",
        description = "A setting to change; repeatable.")
    List<String> settings = new ArrayList<>();

    @Option(
        names = "--delete",
        paramLabel = "KEY",
        description = "A setting to remove (back to the broker default); repeatable.")
    List<String> deletes = new ArrayList<>();

    AlterConfig(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      if (settings.isEmpty() && deletes.isEmpty()) {
        throw usage("nothing to change (expected: at least one --set KEY=VALUE or --delete KEY)");
      }
      Map<String, String> set = new LinkedHashMap<>();
      for (String setting : settings) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
          throw usage("--set: '" + setting + "' (expected: KEY=VALUE, e.g. retention_ms=86400000)");
        }
        set.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
      }
      Map<String, String> configs;
      try (FlyMQClient client = client()) {
        configs = client.alterTopicConfig(topic, set, deletes);
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("topic", topic);
      fields.put("configs", configs);
      output.printer(ctx.out()).object(fields);
      return 0;
    }
  }

  static Map<String, Object> topicFields(TopicInfo info) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", info.name());
    fields.put("partitions", info.partitions());
    fields.put("replication_factor", info.replicationFactor());
    return fields;
  }
}
