package io.flymq.cli.command;

import io.flymq.cli.output.OutputFormat;
import java.io.OutputStream;
import picocli.CommandLine.Option;

/**
 * How {@code consume} and {@code subscribe} print each record: {@code --show-key}, {@code
 * --format}.
 */
final class RecordFormatOptions {
  @Option(names = "--show-key", description = "Print the key before the value (%%k\\t%%v\\n).")
  boolean showKey;

  @Option(names = "--format", paramLabel = "FORMAT", description = "How to print each record.")
  String format;

  /** A printer of records to {@code out}, in these options and the command's output format. */
  RecordPrinter printer(OutputStream out, OutputFormat output) {
    return new RecordPrinter(out, format, output, showKey);
  }
}
