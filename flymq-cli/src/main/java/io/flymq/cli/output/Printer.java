package io.flymq.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a command's data in the chosen {@link OutputFormat}. Data is rows of ordered maps whose
 * keys are the JSON field names ({@code snake_case}); a table shows them as upper-case columns in
 * the same order, aligned, with two spaces between columns.
 *
 * <p>JSON is pretty-printed: a list command prints an array of objects, a single-object command an
 * object. Field names and their order are stable (docs/cli.md lists them). Not thread-safe.
 */
public final class Printer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final PrintStream out;
  private final OutputFormat format;

  /**
   * @param out where to print
   * @param format the format
   */
  public Printer(PrintStream out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  /** The format this printer uses. */
  public OutputFormat format() {
    return format;
  }

  /** Prints rows: a table with a header row, or an array. */
  public void rows(List<String> columns, List<? extends Map<String, ?>> rows) {
    if (format != OutputFormat.TABLE) {
      document(rows);
      return;
    }
    List<List<String>> cells = new ArrayList<>();
    cells.add(columns.stream().map(Printer::header).toList());
    for (Map<String, ?> row : rows) {
      cells.add(columns.stream().map(c -> cell(row.get(c))).toList());
    }
    printAligned(cells);
  }

  /** Prints one object: {@code name value} lines, or an object. */
  public void object(Map<String, ?> fields) {
    if (format != OutputFormat.TABLE) {
      document(fields);
      return;
    }
    List<List<String>> cells = new ArrayList<>();
    fields.forEach((k, v) -> cells.add(List.of(k, cell(v))));
    printAligned(cells);
  }

  /** Prints an empty line between two tables (table format only). */
  public void blankLine() {
    if (format == OutputFormat.TABLE) {
      out.println();
    }
  }

  /** Prints any JSON-able value as JSON or YAML (a table prints its JSON). */
  public void document(Object value) {
    out.print(format == OutputFormat.YAML ? yaml(value) : json(value) + System.lineSeparator());
    out.flush();
  }

  /** {@code value} as compact one-line JSON. */
  public static String compactJson(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + value, e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + value, e);
    }
  }

  /** {@code value} as a YAML document (no start marker). */
  public static String yamlText(Object value) {
    return yaml(value);
  }

  private static String yaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as YAML: " + value, e);
    }
  }

  private void printAligned(List<List<String>> cells) {
    int columns = cells.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : cells) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    out.print(text);
    out.flush();
  }

  private static String header(String key) {
    return key.toUpperCase(Locale.ROOT).replace('_', '-');
  }

  private static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }
}
