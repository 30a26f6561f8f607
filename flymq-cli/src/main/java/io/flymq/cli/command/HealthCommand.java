package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.cli.connection.ConnectionSettings;
import io.flymq.client.FlyMQClient;
import io.flymq.protocol.message.version.ApiVersionsResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code health live|ready}. The broker has no HTTP health endpoint yet, so both are protocol
 * pings: {@code live} asks API_VERSIONS, {@code ready} also reads the topic list (metadata is
 * served). Exit 0 when healthy, 1 otherwise.
 */
@Command(
    name = "health",
    description = {
      "Check that a broker is alive (live) or serving (ready); exit 0 if so, 1 if not.",
      "Until the broker serves HTTP health, both checks are protocol pings (API_VERSIONS)."
    },
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExample:%n",
    footer = "  flymq-cli health ready -a broker-1:9092 && echo serving",
    subcommands = {HealthCommand.Live.class, HealthCommand.Ready.class})
final class HealthCommand {
  private HealthCommand() {}

  @Command(
      name = "live",
      description = "Exit 0 if the broker answers a protocol ping (API_VERSIONS).",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli health live")
  static final class Live extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    Live(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      ConnectionSettings settings = connection();
      try (FlyMQClient client = client(settings.clientProperties())) {
        ApiVersionsResponse versions = client.apiVersions();
        output.printer(ctx.out()).object(status("live", settings, versions));
      }
      return 0;
    }
  }

  @Command(
      name = "ready",
      description = "Exit 0 if the broker answers a ping and serves topic metadata.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli health ready -o json")
  static final class Ready extends BaseCommand {
    @Mixin ConnectionOptions connection;
    @Mixin OutputOption output;

    Ready(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      ConnectionSettings settings = connection();
      try (FlyMQClient client = client(settings.clientProperties())) {
        ApiVersionsResponse versions = client.apiVersions();
        int topics = client.listTopics().size();
        Map<String, Object> fields = status("ready", settings, versions);
        fields.put("topics", topics);
        output.printer(ctx.out()).object(fields);
      }
      return 0;
    }
  }

  private static Map<String, Object> status(
      String check, ConnectionSettings settings, ApiVersionsResponse versions) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("status", "ok");
    fields.put("check", check);
    fields.put("addr", settings.addr());
    fields.put("operations", versions.apis().size());
    return fields;
  }
}
