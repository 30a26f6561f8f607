package io.flymq.cli.format;

import io.flymq.cli.format.RecordFormat.Field;
import io.flymq.cli.format.RecordFormat.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads records to produce from a byte stream in a {@link RecordFormat}: {@code %v\n} reads one
 * value per line, {@code %k\t%v\n} a key and a value separated by a tab.
 *
 * <p>Each field runs up to the literal that follows it in the format, so two fields need a literal
 * between them. A format that ends with a field gets an implicit {@code \n} after it, so {@code
 * --format '%k=%v'} reads lines. The last record may lack its final delimiter (a file without a
 * trailing newline). {@code %o} cannot be read. Fields: {@code %t} overrides the topic, {@code %p}
 * the partition, {@code %d} sets the timestamp (ms), {@code %h} the headers ({@code k=v,k2=v2}).
 *
 * <p>Not thread-safe; reads the stream through its own buffer, so the caller must not read the
 * stream in between.
 */
public final class RecordParser {
  private static final byte[] NEWLINE = {'\n'};

  private final List<Token> tokens;
  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private boolean eof;
  private long recordNumber;
  private byte[] field = new byte[256];
  private int fieldLength;

  /**
   * A parser of {@code in} in {@code format}.
   *
   * @throws IllegalArgumentException if the format cannot be read back (uses {@code %o}, lacks
   *     {@code %v}, or has two fields with nothing between them)
   */
  public RecordParser(RecordFormat format, InputStream in) {
    this.tokens = readable(format);
    this.in = in;
  }

  private static List<Token> readable(RecordFormat format) {
    List<Token> tokens = new ArrayList<>(format.tokens());
    if (!format.uses(Field.VALUE)) {
      throw new IllegalArgumentException(
          "format: '"
              + format
              + "' has no %v (expected: a format with the value, e.g. %k\\t%v\\n)");
    }
    if (format.uses(Field.OFFSET)) {
      throw new IllegalArgumentException(
          "format: '" + format + "' reads %o, but the broker assigns offsets (remove %o)");
    }
    if (!tokens.get(tokens.size() - 1).isLiteral()) {
      tokens.add(new Token(NEWLINE, null));
    }
    for (int i = 1; i < tokens.size(); i++) {
      if (!tokens.get(i).isLiteral() && !tokens.get(i - 1).isLiteral()) {
        throw new IllegalArgumentException(
            "format: '"
                + format
                + "' has two fields with nothing between them"
                + " (expected: a delimiter, e.g. %k\\t%v)");
      }
    }
    return tokens;
  }

  /**
   * The next record, or null at the end of the input.
   *
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the input does not match the format (with the record's
   *     number)
   */
  public FormattedRecord next() throws IOException {
    if (!fill()) {
      return null;
    }
    recordNumber++;
    String topic = null;
    int partition = -1;
    long timestamp = -1;
    byte[] key = null;
    byte[] value = null;
    List<FormattedRecord.Header> headers = List.of();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.isLiteral()) {
        expect(token.literal(), i == tokens.size() - 1);
        continue;
      }
      byte[] delimiter = tokens.get(i + 1).literal();
      byte[] bytes = readUntil(delimiter, i + 1 == tokens.size() - 1);
      i++; // readUntil consumed the delimiter
      switch (token.field()) {
        case TOPIC -> topic = text(bytes);
        case KEY -> key = bytes;
        case VALUE -> value = bytes;
        case PARTITION -> partition = (int) number(bytes, "%p partition");
        case TIMESTAMP -> timestamp = number(bytes, "%d timestamp");
        case HEADERS -> headers = Headers.parse(text(bytes));
        case OFFSET -> throw new IllegalStateException("rejected by the constructor");
      }
    }
    return new FormattedRecord(topic, partition, -1, timestamp, key, value, headers);
  }

  /** How many records {@link #next()} has returned (or is reading). */
  public long recordNumber() {
    return recordNumber;
  }

  private void expect(byte[] literal, boolean last) throws IOException {
    for (int i = 0; i < literal.length; i++) {
      if (!fill()) {
        if (last && i == 0) {
          return; // the final delimiter of the final record may be missing
        }
        throw mismatch("the input ended", literal);
      }
      if (buffer[position] != literal[i]) {
        throw mismatch("found '" + (char) buffer[position] + "'", literal);
      }
      position++;
    }
  }

  private byte[] readUntil(byte[] delimiter, boolean delimiterIsLast) throws IOException {
    fieldLength = 0;
    while (fill()) {
      append(buffer[position++]);
      if (endsWith(delimiter)) {
        return Arrays.copyOf(field, fieldLength - delimiter.length);
      }
    }
    if (delimiterIsLast) {
      return Arrays.copyOf(field, fieldLength);
    }
    throw mismatch("the input ended", delimiter);
  }

  private void append(byte b) {
    if (fieldLength == field.length) {
      field = Arrays.copyOf(field, field.length * 2);
    }
    field[fieldLength++] = b;
  }

  private boolean endsWith(byte[] delimiter) {
    if (fieldLength < delimiter.length) {
      return false;
    }
    return Arrays.equals(
        field, fieldLength - delimiter.length, fieldLength, delimiter, 0, delimiter.length);
  }

  private boolean fill() throws IOException {
    if (position < limit) {
      return true;
    }
    if (eof) {
      return false;
    }
    int n = in.read(buffer);
    if (n <= 0) {
      eof = true;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private long number(byte[] bytes, String what) {
    String text = text(bytes).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "record " + recordNumber + ": " + what + " '" + text + "' (expected: a number)", e);
    }
  }

  private IllegalArgumentException mismatch(String found, byte[] expected) {
    return new IllegalArgumentException(
        "record "
            + recordNumber
            + ": "
            + found
            + " (expected: '"
            + visible(expected)
            + "' as the format says)");
  }

  private static String visible(byte[] literal) {
    return text(literal).replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
