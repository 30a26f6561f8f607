package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code flymq-cli}: the root command. Holds the connection flags that may come before the
 * subcommand ({@code flymq-cli -a host:9092 topics list}); without a subcommand it prints usage and
 * exits 2.
 */
@Command(
    name = "flymq-cli",
    mixinStandardHelpOptions = true,
    // Subcommands inherit --help and --version.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = RootCommand.Version.class,
    description = "The FlyMQ command line: produce, consume, and administer a FlyMQ broker.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  seq 1 100 | flymq-cli produce orders",
      "  flymq-cli consume orders --from earliest --count 100 --format '%%o %%v\\n'",
      "  flymq-cli -a broker-1:9092 --tls-ca ca.pem topics list -o json",
      "",
      "Exit codes: 0 ok, 1 error (message and hint on stderr), 2 usage error.",
      "Environment: FLYMQ_ADDR FLYMQ_USERNAME FLYMQ_PASSWORD FLYMQ_TLS",
      "  FLYMQ_TLS_CA_FILE FLYMQ_TLS_CERT_FILE FLYMQ_TLS_KEY_FILE FLYMQ_TLS_INSECURE",
      "  FLYMQ_PROFILE FLYMQ_CONFIG (profile file; default ~/.flymq/config.yaml)"
    },
    subcommands = {
      ProduceCommand.class,
      ConsumeCommand.class,
      SubscribeCommand.class,
      TopicsCommand.class,
      GroupsCommand.class,
      HealthCommand.class,
      DoctorCommand.class,
      ProfileCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RootCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConnectionOptions connection;

  private final CliContext ctx;

  /** The root command of one run. */
  public RootCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err().println("error: missing a command");
    spec.commandLine().usage(ctx.err());
    return 2;
  }

  /** The version from the jar's manifest ({@code Implementation-Version}). */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RootCommand.class.getPackage().getImplementationVersion();
      return new String[] {"flymq-cli " + (version == null ? "(development build)" : version)};
    }
  }
}
