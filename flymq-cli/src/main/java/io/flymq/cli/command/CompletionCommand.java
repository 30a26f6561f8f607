package io.flymq.cli.command;

import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code completion bash|zsh}: prints a shell completion script generated from the command tree.
 * The zsh script loads zsh's bash-completion compatibility ({@code bashcompinit}) and then the same
 * functions.
 */
@Command(
    name = "completion",
    description = "Print a shell completion script (bash or zsh).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(flymq-cli completion bash)          # in ~/.bashrc",
      "  flymq-cli completion zsh > \"${fpath[1]}/_flymq-cli\""
    })
final class CompletionCommand extends BaseCommand {
  @Parameters(
      paramLabel = "SHELL",
      description = "bash or zsh.",
      completionCandidates = Shells.class)
  String shell;

  /** The shells a script can be made for. */
  static final class Shells extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Shells() {
      super(List.of("bash", "zsh"));
    }
  }

  CompletionCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw usage("SHELL: '" + shell + "' (expected: bash or zsh)");
    }
    String script = AutoComplete.bash("flymq-cli", spec.root().commandLine());
    if (shell.equals("zsh")) {
      // picocli's bash script already detects zsh and calls bashcompinit itself; these lines make
      // sure compinit ran first, which bashcompinit needs.
      script =
          "#compdef flymq-cli\nautoload -U +X compinit && compinit\n"
              + "autoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    ctx.out().print(script);
    return 0;
  }
}
