package io.flymq.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
  private static final FormattedRecord RECORD =
      new FormattedRecord(
          "orders",
          2,
          41,
          1_700_000_000_000L,
          bytes("k1"),
          bytes("v1"),
          List.of(
              new FormattedRecord.Header("a", bytes("1")),
              new FormattedRecord.Header("b", bytes("2"))));

  @Test
  void shouldRenderEveryToken() {
    RecordFormat format = RecordFormat.parse("%t|%k|%v|%p|%o|%d|%h|%%\\n");

    assertThat(format.renderToString(RECORD))
        .isEqualTo("orders|k1|v1|2|41|1700000000000|a=1,b=2|%\n");
  }

  @Test
  void shouldRenderEscapes() {
    assertThat(RecordFormat.parse("%k\\t%v\\r\\n\\\\").renderToString(RECORD))
        .isEqualTo("k1\tv1\r\n\\");
  }

  @Test
  void shouldRenderMissingKeyAsNothing() {
    FormattedRecord keyless = new FormattedRecord("t", 0, 0, 0, null, bytes("v"), List.of());

    assertThat(RecordFormat.parse("[%k]%v\\n").renderToString(keyless)).isEqualTo("[]v\n");
  }

  @Test
  void shouldMergeLiteralRunsIntoOneToken() {
    RecordFormat format = RecordFormat.parse("a\\tb%vc");

    assertThat(format.tokens()).hasSize(3);
    assertThat(format.tokens().get(0).literal()).isEqualTo(bytes("a\tb"));
  }

  @Test
  void shouldRejectUnknownTokensAndEscapesWithTheAcceptedOnes() {
    assertThatThrownBy(() -> RecordFormat.parse("%x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown token %x")
        .hasMessageContaining("expected: %t %k %v");
    assertThatThrownBy(() -> RecordFormat.parse("\\q")).hasMessageContaining("unknown escape \\q");
    assertThatThrownBy(() -> RecordFormat.parse("%v%")).hasMessageContaining("lone '%'");
  }

  @Test
  void shouldParseOneValuePerLineWithTheDefaultFormat() throws IOException {
    List<FormattedRecord> records = parseAll(RecordFormat.DEFAULT, "1\n2\n\n3");

    assertThat(records).extracting(r -> text(r.value())).containsExactly("1", "2", "", "3");
    assertThat(records).allSatisfy(r -> assertThat(r.key()).isNull());
  }

  @Test
  void shouldParseKeyValueAndOtherFields() throws IOException {
    List<FormattedRecord> records =
        parseAll("%k\\t%v\\t%p\\t%d\\t%h\\n", "k1\tv1\t3\t1700\ta=1,b=2\nk2\tv2\t0\t5\t\n");

    assertThat(records).hasSize(2);
    FormattedRecord first = records.get(0);
    assertThat(text(first.key())).isEqualTo("k1");
    assertThat(text(first.value())).isEqualTo("v1");
    assertThat(first.partition()).isEqualTo(3);
    assertThat(first.timestamp()).isEqualTo(1700);
    assertThat(first.headers()).extracting(FormattedRecord.Header::key).containsExactly("a", "b");
    assertThat(records.get(1).headers()).isEmpty();
  }

  @Test
  void shouldReadLinesWhenTheFormatEndsWithAField() throws IOException {
    List<FormattedRecord> records = parseAll("%k=%v", "a=1\nb=2=3\n");

    assertThat(records).extracting(r -> text(r.key())).containsExactly("a", "b");
    assertThat(records).extracting(r -> text(r.value())).containsExactly("1", "2=3");
  }

  @Test
  void shouldParseMultiByteDelimitersAndLeadingLiterals() throws IOException {
    List<FormattedRecord> records = parseAll("<%k::%v>\\n", "<a::x:y>\n<b::z>\n");

    assertThat(records).extracting(r -> text(r.value())).containsExactly("x:y", "z");
  }

  @Test
  void shouldRoundTripWhatItRenders() throws IOException {
    RecordFormat format = RecordFormat.parse("%k\\t%v\\n");
    String rendered = format.renderToString(RECORD) + format.renderToString(RECORD);

    List<FormattedRecord> parsed = parseAll("%k\\t%v\\n", rendered);

    assertThat(parsed).hasSize(2).allSatisfy(r -> assertThat(text(r.value())).isEqualTo("v1"));
  }

  @Test
  void shouldRejectInputThatDoesNotMatchWithTheRecordNumber() {
    assertThatThrownBy(() -> parseAll("%k\\t%v\\n", "a\tb\nno-tab-here"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record 2")
        .hasMessageContaining("expected: '\\t'");
    assertThatThrownBy(() -> parseAll("%v\\t%p\\n", "x\tnot-a-number\n"))
        .hasMessageContaining("%p partition 'not-a-number' (expected: a number)");
  }

  @Test
  void shouldRejectFormatsThatCannotBeRead() {
    assertThatThrownBy(() -> parseAll("%k\\n", "")).hasMessageContaining("has no %v");
    assertThatThrownBy(() -> parseAll("%o %v\\n", "")).hasMessageContaining("assigns offsets");
    assertThatThrownBy(() -> parseAll("%k%v\\n", "")).hasMessageContaining("nothing between");
  }

  private static List<FormattedRecord> parseAll(String format, String input) throws IOException {
    RecordParser parser =
        new RecordParser(
            RecordFormat.parse(format),
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    List<FormattedRecord> records = new ArrayList<>();
    for (FormattedRecord r = parser.next(); r != null; r = parser.next()) {
      records.add(r);
    }
    return records;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
