package io.flymq.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.Cli;
import io.flymq.cli.testing.CliRunner;
import io.flymq.cli.testing.CliRunner.Result;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HelpAndCompletionIT {
  @TempDir Path home;

  @Test
  void shouldShowAnExampleInTheHelpOfEveryCommand() {
    CliRunner cli = new CliRunner(null, home.resolve("config.yaml"));
    List<List<String>> paths = new ArrayList<>();
    collect(Cli.commandLine(context()), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(20);

    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      Result help = cli.run(args.toArray(String[]::new));

      assertThat(help.exitCode()).as(String.join(" ", path)).isZero();
      assertThat(help.out()).as(String.join(" ", path)).containsPattern("Examples?:\\n  ");
    }
  }

  @Test
  void shouldExitTwoWithoutACommandAndForUnknownCommands() {
    CliRunner cli = new CliRunner(null, home.resolve("config.yaml"));

    Result none = cli.run();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("missing a command").contains("Usage: flymq-cli");

    Result unknown = cli.run("frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("error: Unmatched argument");
  }

  @Test
  void shouldGenerateBashAndZshCompletion() {
    CliRunner cli = new CliRunner(null, home.resolve("config.yaml"));

    Result bash = cli.run("completion", "bash");
    assertThat(bash.exitCode()).isZero();
    assertThat(bash.out())
        .contains("complete -F _complete_flymq-cli")
        .contains("produce")
        .contains("alter-config")
        .contains("--from");

    Result zsh = cli.run("completion", "zsh");
    assertThat(zsh.out()).startsWith("#compdef flymq-cli\n").contains("bashcompinit");

    assertThat(cli.run("completion", "fish").exitCode()).isEqualTo(2);
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      CommandLine child = sub.getValue();
      if (!sub.getKey().equals(child.getCommandName()) || sub.getKey().equals("help")) {
        continue; // aliases and picocli's help command
      }
      List<String> childPath = new ArrayList<>(path);
      childPath.add(sub.getKey());
      paths.add(childPath);
      collect(child, childPath, paths);
    }
  }

  private static CliContext context() {
    PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
    return new CliContext(
        new ByteArrayInputStream(new byte[0]), sink, sink, Map.of(), new Interrupts(), false);
  }
}
