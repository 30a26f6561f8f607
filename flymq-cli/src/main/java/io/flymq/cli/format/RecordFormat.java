package io.flymq.cli.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record format in the rpk/kcat style: literal text with field tokens, used both to print
 * consumed records and to read records to produce from a stream.
 *
 * <pre>
 *   %t topic   %k key   %v value   %p partition   %o offset   %d timestamp (ms)   %h headers
 *   %% a percent sign    \n newline   \t tab   \r carriage return   \\ a backslash
 * </pre>
 *
 * <p>Headers render as {@code k1=v1,k2=v2}. A missing key renders as nothing. Values and keys are
 * written as their raw bytes, so binary payloads survive a consume-produce round trip when the
 * format's delimiters do not occur in them.
 *
 * <p>Immutable and thread-safe. Parsing input is done by {@link RecordParser}.
 */
public final class RecordFormat {
  /** The format consume prints by default: the value, one per line. */
  public static final String DEFAULT = "%v\\n";

  private static final Map<Character, Field> FIELDS =
      Map.of(
          't', Field.TOPIC,
          'k', Field.KEY,
          'v', Field.VALUE,
          'p', Field.PARTITION,
          'o', Field.OFFSET,
          'd', Field.TIMESTAMP,
          'h', Field.HEADERS);

  private final String pattern;
  private final List<Token> tokens;

  private RecordFormat(String pattern, List<Token> tokens) {
    this.pattern = pattern;
    this.tokens = List.copyOf(tokens);
  }

  /** A field a token stands for. */
  public enum Field {
    TOPIC,
    KEY,
    VALUE,
    PARTITION,
    OFFSET,
    TIMESTAMP,
    HEADERS
  }

  /**
   * One piece of a format: either literal bytes or a field.
   *
   * @param literal the bytes to print or expect, or null for a field
   * @param field the field, or null for a literal
   */
  public record Token(byte[] literal, Field field) {
    /** Whether this token is literal text. */
    public boolean isLiteral() {
      return literal != null;
    }
  }

  /**
   * Parses a format string.
   *
   * @throws IllegalArgumentException naming the bad token and the accepted ones
   */
  public static RecordFormat parse(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    List<Token> tokens = new ArrayList<>();
    ByteArrayOutputStream literal = new ByteArrayOutputStream();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%' || c == '\\') {
        if (i + 1 >= pattern.length()) {
          throw new IllegalArgumentException(
              "format: '" + pattern + "' ends with a lone '" + c + "' " + EXPECTED);
        }
        char next = pattern.charAt(++i);
        if (c == '\\') {
          literal.write(escape(pattern, next));
        } else if (next == '%') {
          literal.write('%');
        } else {
          Field field = FIELDS.get(next);
          if (field == null) {
            throw new IllegalArgumentException(
                "format: unknown token %" + next + " in '" + pattern + "' " + EXPECTED);
          }
          flush(literal, tokens);
          tokens.add(new Token(null, field));
        }
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        literal.write(bytes, 0, bytes.length);
      }
    }
    flush(literal, tokens);
    return new RecordFormat(pattern, tokens);
  }

  private static final String EXPECTED =
      "(expected: %t %k %v %p %o %d %h %% and the escapes \\n \\t \\r \\\\)";

  private static int escape(String pattern, char next) {
    return switch (next) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case '\\' -> '\\';
      default ->
          throw new IllegalArgumentException(
              "format: unknown escape \\" + next + " in '" + pattern + "' " + EXPECTED);
    };
  }

  private static void flush(ByteArrayOutputStream literal, List<Token> tokens) {
    if (literal.size() > 0) {
      tokens.add(new Token(literal.toByteArray(), null));
      literal.reset();
    }
  }

  /** The format string as given. */
  public String pattern() {
    return pattern;
  }

  /** The tokens in order; literal runs are merged. */
  public List<Token> tokens() {
    return tokens;
  }

  /** Whether the format uses this field. */
  public boolean uses(Field field) {
    return tokens.stream().anyMatch(t -> t.field() == field);
  }

  /**
   * Writes one record in this format.
   *
   * @throws IOException if the stream fails
   */
  public void render(FormattedRecord record, OutputStream out) throws IOException {
    for (Token token : tokens) {
      if (token.isLiteral()) {
        out.write(token.literal());
        continue;
      }
      switch (token.field()) {
        case TOPIC -> out.write(utf8(record.topic()));
        case KEY -> {
          if (record.key() != null) {
            out.write(record.key());
          }
        }
        case VALUE -> {
          if (record.value() != null) {
            out.write(record.value());
          }
        }
        case PARTITION -> out.write(utf8(Integer.toString(record.partition())));
        case OFFSET -> out.write(utf8(Long.toString(record.offset())));
        case TIMESTAMP -> out.write(utf8(Long.toString(record.timestamp())));
        case HEADERS -> out.write(utf8(Headers.render(record.headers())));
      }
    }
  }

  /** {@link #render} into a string (UTF-8), for tests and small outputs. */
  public String renderToString(FormattedRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      render(record, out);
    } catch (IOException e) {
      throw new IllegalStateException("a byte array stream cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
