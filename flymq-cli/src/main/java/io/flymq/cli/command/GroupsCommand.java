package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.cli.output.OutputFormat;
import io.flymq.cli.output.Printer;
import io.flymq.cli.output.Progress;
import io.flymq.client.FlyMQClient;
import io.flymq.client.GroupInfo;
import io.flymq.client.GroupMembers;
import io.flymq.client.TopicPartition;
import io.flymq.client.errors.FlyMQException;
import io.flymq.protocol.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code groups list|describe|lag|reset|delete}: LIST_GROUPS, DESCRIBE_GROUP and DELETE_GROUP for
 * the group views (a group is known per topic: v1 groups are (topic, group) pairs), DESCRIBE_GROUP
 * and GET_LAG for lag (read by {@link PartitionLag} for both {@code describe} and {@code lag}),
 * GET_OFFSET, RESET_OFFSET, SEEK_TO_TIMESTAMP and SUBSCRIBE (log bounds) for resets.
 */
@Command(
    name = "groups",
    description = "Consumer groups: list, describe, lag, offset resets, delete.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExample:%n",
    footer = "  flymq-cli groups lag orders --group billing",
    subcommands = {
      GroupsCommand.ListGroups.class,
      GroupsCommand.Describe.class,
      GroupsCommand.Lag.class,
      GroupsCommand.Reset.class,
      GroupsCommand.Delete.class
    })
final class GroupsCommand {
  private GroupsCommand() {}

  @Command(
      name = "list",
      aliases = "ls",
      description = "List consumer groups: one row per topic a group has committed on.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli groups list")
  static final class ListGroups extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    ListGroups(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = new ArrayList<>();
      try (FlyMQClient client = client()) {
        for (GroupInfo group : client.listGroups()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("group", group.group());
          row.put("topic", group.topic());
          row.put("members", group.members());
          row.put("partitions", group.committed().size());
          rows.add(row);
        }
      }
      output.printer(ctx.out()).rows(List.of("group", "topic", "members", "partitions"), rows);
      return 0;
    }
  }

  @Command(
      name = "describe",
      description =
          "Describe a consumer group on a topic: members, and each partition's committed offset"
              + " and lag as groups lag shows them.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli groups describe billing --topic orders")
  static final class Describe extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    @Option(
        names = {"-t", "--topic"},
        description = "The topic (default: the first topic, by name, the group is known on).")
    String topic;

    Describe(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = new ArrayList<>();
      GroupInfo info;
      Optional<GroupMembers> live;
      try (FlyMQClient client = client()) {
        info = client.describeGroup(topic == null ? "" : topic, group);
        live = members(client, group);
        Map<TopicPartition, String> owners = new HashMap<>();
        live.ifPresent(
            m ->
                m.members()
                    .forEach(x -> x.assignment().forEach(tp -> owners.put(tp, x.memberId()))));
        List<Integer> partitions = partitions(client, info.topic(), null, this);
        for (PartitionLag lag : PartitionLag.read(client, info, partitions)) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("partition", lag.partition());
          row.put("owner", owners.get(new TopicPartition(info.topic(), lag.partition())));
          lag.putColumns(row);
          rows.add(row);
        }
      }
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("group", group);
      head.put("topic", info.topic());
      head.put("state", live.map(GroupMembers::state).orElse("Empty"));
      head.put("generation", live.map(GroupMembers::generation).orElse(0));
      head.put("members", live.map(m -> m.members().size()).orElse(0));
      Printer printer = output.printer(ctx.out());
      List<String> columns =
          List.of("partition", "owner", "committed_offset", "log_end_offset", "lag");
      if (printer.format() != OutputFormat.TABLE) {
        head.put("member_details", live.map(Describe::memberRows).orElse(List.of()));
        head.put("departures", live.map(Describe::departureRows).orElse(List.of()));
        printHeadAndRows(printer, head, columns, rows);
        return 0;
      }
      printHeadAndRows(printer, head, columns, rows);
      if (live.isPresent() && !live.get().members().isEmpty()) {
        printer.blankLine();
        printer.rows(List.of("member", "instance", "client", "partitions"), memberRows(live.get()));
      }
      if (live.isPresent() && !live.get().departures().isEmpty()) {
        printer.blankLine();
        printer.rows(List.of("departed", "instance", "reason", "at"), departureRows(live.get()));
      }
      return 0;
    }

    /** The live membership, when the broker serves it and knows the group. */
    private static Optional<GroupMembers> members(FlyMQClient client, String group) {
      try {
        return Optional.of(client.groupMembers(group));
      } catch (FlyMQException e) {
        if (e.code() == ErrorCode.GROUP_NOT_FOUND || e.code() == ErrorCode.UNSUPPORTED_OPCODE) {
          return Optional.empty();
        }
        throw e;
      }
    }

    private static List<Map<String, Object>> memberRows(GroupMembers members) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (GroupMembers.Member m : members.members()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("member", m.memberId());
        row.put("instance", m.instanceId().isEmpty() ? null : m.instanceId());
        row.put("client", m.client());
        row.put("partitions", m.assignment().stream().map(TopicPartition::toString).toList());
        rows.add(row);
      }
      return rows;
    }

    private static List<Map<String, Object>> departureRows(GroupMembers members) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (GroupMembers.Departure d : members.departures()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("departed", d.memberId());
        row.put("instance", d.instanceId().isEmpty() ? null : d.instanceId());
        row.put("reason", d.reason());
        row.put("at", java.time.Instant.ofEpochMilli(d.atMs()).toString());
        rows.add(row);
      }
      return rows;
    }
  }

  @Command(
      name = "delete",
      description = "Delete a consumer group's committed offsets: on one topic, or on every topic.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  flymq-cli groups delete billing",
        "  flymq-cli groups delete billing --topic orders"
      })
  static final class Delete extends BaseCommand {
    @Mixin ConnectionOptions connection;

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    @Option(
        names = {"-t", "--topic"},
        description = "Only on this topic (default: every topic the group is known on).")
    String topic;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      try (FlyMQClient client = client()) {
        client.deleteGroup(topic == null ? "" : topic, group);
      }
      ctx.out().println("deleted group " + group + (topic == null ? "" : " on " + topic));
      return 0;
    }
  }

  @Command(
      name = "lag",
      description = {
        "Show a group's committed offset, log end and lag per partition of a topic,",
        "as groups describe does. A partition without a commit shows - for its",
        "committed offset and lag (null in JSON and YAML): a consumer starts there",
        "where its reset policy says. total_lag sums the partitions with a commit."
      },
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli groups lag orders --group billing -o json")
  static final class Lag extends BaseCommand {
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
        names = {"-p", "--partition"},
        description = "Only this partition (default: all).")
    Integer partition;

    Lag(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = new ArrayList<>();
      List<PartitionLag> lags;
      try (FlyMQClient client = client()) {
        List<Integer> partitions = partitions(client, topic, partition, this);
        lags = PartitionLag.read(client, client.describeGroup(topic, group), partitions);
      }
      for (PartitionLag lag : lags) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("partition", lag.partition());
        lag.putColumns(row);
        rows.add(row);
      }
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("group", group);
      head.put("topic", topic);
      head.put("total_lag", PartitionLag.orNull(PartitionLag.total(lags)));
      printHeadAndRows(
          output.printer(ctx.out()),
          head,
          List.of("partition", "committed_offset", "log_end_offset", "lag"),
          rows);
      return 0;
    }
  }

  @Command(
      name = "reset",
      description = {
        "Move a group's committed offsets on a topic: to earliest, latest, an offset or a time,",
        "or shift them by N (clamped to the log). Stop the group's consumers first."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  flymq-cli groups reset orders --group billing --to earliest",
        "  flymq-cli groups reset orders --group billing --to 2026-12-01T00:00:00Z",
        "  flymq-cli groups reset orders --group billing --shift-by -100 --partition 3"
      })
  static final class Reset extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @Option(
        names = {"-g", "--group"},
        required = true,
        description = "The consumer group.")
    String group;

    @ArgGroup(multiplicity = "1")
    Target target;

    @Option(
        names = {"-p", "--partition"},
        description = "Only this partition (default: all).")
    Integer partition;

    @Option(names = "--progress", description = "Draw a progress line on stderr.")
    boolean progress;

    /** Exactly one of {@code --to} and {@code --shift-by}. */
    static final class Target {
      @Option(
          names = "--to",
          paramLabel = "POSITION",
          description = "earliest, latest, an offset, or a time (ISO-8601 or @epoch-ms).")
      String to;

      @Option(
          names = "--shift-by",
          paramLabel = "N",
          description = "Move the committed offsets by N (negative: back).")
      Long shiftBy;
    }

    Reset(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      StartPosition to = target.to == null ? null : StartPosition.parse("--to", target.to);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (FlyMQClient client = client()) {
        List<Integer> partitions = partitions(client, topic, partition, this);
        Progress bar =
            new Progress(
                ctx.err(),
                progress || (ctx.stderrIsTerminal() && partitions.size() > 50),
                "partitions");
        Map<Integer, Long> commits = commits(client, topic, group);
        for (int p : partitions) {
          Long committed = commits.get(p);
          OptionalLong before =
              committed == null ? OptionalLong.empty() : OptionalLong.of(committed);
          resetOne(client, p, to, before);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("partition", p);
          row.put("previous_offset", before.isPresent() ? before.getAsLong() : null);
          row.put("new_offset", client.committedOffset(topic, group, p));
          rows.add(row);
          bar.update(rows.size(), partitions.size());
        }
        bar.finish(rows.size(), partitions.size());
      }
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("group", group);
      head.put("topic", topic);
      printHeadAndRows(
          output.printer(ctx.out()),
          head,
          List.of("partition", "previous_offset", "new_offset"),
          rows);
      return 0;
    }

    private void resetOne(FlyMQClient client, int p, StartPosition to, OptionalLong before) {
      if (to == null) {
        long start = client.subscribe(topic, "", p, "earliest");
        long end = client.subscribe(topic, "", p, "latest");
        long from = before.isPresent() ? before.getAsLong() : start;
        long shifted = Math.min(end, Math.max(start, from + target.shiftBy));
        client.resetOffset(topic, group, p, "offset", shifted);
        return;
      }
      switch (to.kind()) {
        case EARLIEST -> client.resetOffset(topic, group, p, "earliest", 0);
        case LATEST -> client.resetOffset(topic, group, p, "latest", 0);
        case OFFSET -> client.resetOffset(topic, group, p, "offset", to.value());
        case TIMESTAMP -> client.offsetForTimestamp(topic, group, p, to.value());
      }
    }
  }

  static List<Integer> partitions(
      FlyMQClient client, String topic, Integer partition, BaseCommand command) {
    int total = client.topic(topic).partitions();
    if (partition != null) {
      if (partition < 0 || partition >= total) {
        throw command.usage(
            "--partition: " + partition + " (expected: 0.." + (total - 1) + " for " + topic + ")");
      }
      return List.of(partition);
    }
    List<Integer> all = new ArrayList<>();
    for (int p = 0; p < total; p++) {
      all.add(p);
    }
    return all;
  }

  /**
   * The group's commits on the topic by partition, from DESCRIBE_GROUP, which leaves out partitions
   * without a commit (GET_OFFSET answers 0 for those, which is no commit at all); empty when the
   * broker does not know the group on the topic.
   */
  static Map<Integer, Long> commits(FlyMQClient client, String topic, String group) {
    try {
      return client.describeGroup(topic, group).committed();
    } catch (FlyMQException e) {
      if (e.code() == ErrorCode.GROUP_NOT_FOUND) {
        return Map.of();
      }
      throw e;
    }
  }

  static void printHeadAndRows(
      Printer printer,
      Map<String, Object> head,
      List<String> columns,
      List<Map<String, Object>> rows) {
    if (printer.format() == OutputFormat.TABLE) {
      printer.object(head);
      printer.blankLine();
      printer.rows(columns, rows);
      return;
    }
    Map<String, Object> document = new LinkedHashMap<>(head);
    document.put("partitions", rows);
    printer.document(document);
  }
}
