package io.flymq.cli.output;

/** How a command prints its data: {@code --output table|json|yaml}. */
public enum OutputFormat {
  /** Aligned columns with a header row, for people. */
  TABLE,
  /** One JSON document (shapes documented in docs/cli.md), for scripts. */
  JSON,
  /** The same document as YAML. */
  YAML
}
