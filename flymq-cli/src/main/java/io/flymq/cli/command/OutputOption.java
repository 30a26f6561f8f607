package io.flymq.cli.command;

import io.flymq.cli.output.OutputFormat;
import io.flymq.cli.output.Printer;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code -o, --output table|json|yaml}, mixed into every command that prints data. */
public final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  /** A printer to {@code out} in the chosen format. */
  Printer printer(PrintStream out) {
    return new Printer(out, format);
  }
}
