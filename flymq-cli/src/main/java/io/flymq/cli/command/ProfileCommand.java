package io.flymq.cli.command;

import io.flymq.cli.profile.Profile;
import io.flymq.cli.profile.ProfileStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code profile create|use|list|show|delete}: named connection settings in {@code
 * ~/.flymq/config.yaml} ({@link ProfileStore}). Passwords are never written: a profile names the
 * environment variable that holds its password ({@code --password-env}).
 */
@Command(
    name = "profile",
    description = "Named connection settings in ~/.flymq/config.yaml (or $FLYMQ_CONFIG).",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExample:%n",
    footer = {
      "  flymq-cli profile create prod --addr broker-1:9092 --username ops \\",
      "      --password-env FLYMQ_PROD_PASSWORD --tls-ca ca.pem --use",
      "  flymq-cli topics list            # now talks to prod"
    },
    subcommands = {
      ProfileCommand.Create.class,
      ProfileCommand.Use.class,
      ProfileCommand.ListProfiles.class,
      ProfileCommand.Delete.class
    })
final class ProfileCommand {
  private ProfileCommand() {}

  @Command(
      name = "create",
      description = "Create or replace a profile.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli profile create local --addr localhost:9092 --use")
  static final class Create extends BaseCommand {
    @Parameters(paramLabel = "NAME", description = "The profile name.")
    String name;

    @Option(
        names = {"-a", "--addr"},
        paramLabel = "HOST:PORT[,...]",
        description = "Brokers.")
    String addr;

    @Option(names = "--username", description = "User name.")
    String username;

    @Option(
        names = "--password-env",
        paramLabel = "VAR",
        description = "Environment variable to read the password from at run time.")
    String passwordEnv;

    @Option(
        names = "--password",
        hidden = true,
        description = "Rejected: profiles never store passwords.")
    String password;

    @Option(names = "--tls", description = "Connect with TLS.")
    Boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "CA certificate PEM.")
    String tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Client certificate PEM.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Client private key PEM.")
    String tlsKey;

    @Option(names = "--insecure", description = "Skip server certificate checks.")
    Boolean insecure;

    @Option(names = "--use", description = "Make it the current profile.")
    boolean use;

    @Mixin OutputOption output;

    Create(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      if (password != null) {
        throw usage(
            "--password: profiles never store passwords (expected: --password-env VAR, and"
                + " export VAR=... where the CLI runs)");
      }
      ProfileStore store = profiles();
      ProfileStore.Config config = store.load();
      Map<String, Profile> all = new TreeMap<>(config.profiles());
      all.put(
          name, new Profile(addr, username, passwordEnv, tls, tlsCa, tlsCert, tlsKey, insecure));
      boolean current = use || config.currentProfile() == null;
      store.save(new ProfileStore.Config(current ? name : config.currentProfile(), all));
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", name);
      fields.put("current", current);
      fields.put("path", store.path().toString());
      output.printer(ctx.out()).object(fields);
      return 0;
    }
  }

  @Command(
      name = "use",
      description = "Make a profile the current one.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli profile use prod")
  static final class Use extends BaseCommand {
    @Parameters(paramLabel = "NAME", description = "The profile name.")
    String name;

    Use(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      ProfileStore store = profiles();
      ProfileStore.Config config = store.load();
      if (config.profile(name).isEmpty()) {
        throw new CliException(
            "profile '" + name + "' does not exist in " + store.path(),
            "create it with 'flymq-cli profile create "
                + name
                + " --addr HOST:PORT'; known: "
                + config.profiles().keySet());
      }
      store.save(new ProfileStore.Config(name, config.profiles()));
      ctx.out().println("using profile " + name);
      return 0;
    }
  }

  @Command(
      name = "list",
      aliases = "ls",
      description = "List the profiles; the current one is marked.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli profile list -o yaml")
  static final class ListProfiles extends BaseCommand {
    @Mixin OutputOption output;

    ListProfiles(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      ProfileStore.Config config = profiles().load();
      List<Map<String, Object>> rows = new ArrayList<>();
      config
          .profiles()
          .forEach(
              (name, p) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("current", name.equals(config.currentProfile()));
                row.put("addr", p.addr());
                row.put("username", p.username());
                row.put("password_env", p.passwordEnv());
                row.put("tls", p.tls() != null && p.tls());
                rows.add(row);
              });
      output
          .printer(ctx.out())
          .rows(List.of("name", "current", "addr", "username", "password_env", "tls"), rows);
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete a profile.",
      footerHeading = "%nExample:%n",
      footer = "  flymq-cli profile delete old")
  static final class Delete extends BaseCommand {
    @Parameters(paramLabel = "NAME", description = "The profile name.")
    String name;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() {
      ProfileStore store = profiles();
      ProfileStore.Config config = store.load();
      if (config.profile(name).isEmpty()) {
        throw new CliException(
            "profile '" + name + "' does not exist in " + store.path(),
            "see 'flymq-cli profile list'");
      }
      Map<String, Profile> all = new TreeMap<>(config.profiles());
      all.remove(name);
      String current = name.equals(config.currentProfile()) ? null : config.currentProfile();
      store.save(new ProfileStore.Config(current, all));
      ctx.out().println("deleted profile " + name);
      return 0;
    }
  }
}
