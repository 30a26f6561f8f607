package io.flymq.cli.command;

import io.flymq.cli.format.FormattedRecord;
import io.flymq.cli.format.RecordFormat;
import io.flymq.cli.output.OutputFormat;
import io.flymq.cli.output.Printer;
import io.flymq.client.consumer.ConsumerRecord;
import io.flymq.record.Header;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints consumed records for {@code consume} and {@code subscribe}: in the {@code --format}
 * language when given, else one compact JSON object per line ({@code -o json}), else the value per
 * line ({@code %v\n}, or {@code %k\t%v\n} with {@code --show-key}). Buffered: call {@link #flush()}
 * after each poll. Not thread-safe.
 */
final class RecordPrinter {
  private final OutputStream out;
  private final RecordFormat format;
  private final OutputFormat output;

  RecordPrinter(OutputStream out, String format, OutputFormat output, boolean showKey) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.output = format == null ? output : OutputFormat.TABLE;
    String pattern = format != null ? format : showKey ? "%k\\t%v\\n" : RecordFormat.DEFAULT;
    this.format = RecordFormat.parse(pattern);
  }

  void print(ConsumerRecord<byte[], byte[]> record) {
    try {
      switch (output) {
        case TABLE -> format.render(formatted(record), out);
        case JSON ->
            out.write((Printer.compactJson(json(record)) + "\n").getBytes(StandardCharsets.UTF_8));
        case YAML ->
            out.write(("---\n" + Printer.yamlText(json(record))).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdout", e);
    }
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdout", e);
    }
  }

  static FormattedRecord formatted(ConsumerRecord<byte[], byte[]> record) {
    List<FormattedRecord.Header> headers = new ArrayList<>(record.headers().size());
    for (Header header : record.headers()) {
      headers.add(new FormattedRecord.Header(header.key(), bytes(header.value())));
    }
    return new FormattedRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        record.key(),
        record.value(),
        headers);
  }

  /** The documented JSON shape of a record (docs/cli.md). */
  static Map<String, Object> json(ConsumerRecord<byte[], byte[]> record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("topic", record.topic());
    fields.put("partition", record.partition());
    fields.put("offset", record.offset());
    fields.put("timestamp", record.timestamp());
    fields.put("key", text(record.key()));
    fields.put("value", text(record.value()));
    List<Map<String, Object>> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("key", header.key());
      h.put("value", text(bytes(header.value())));
      headers.add(h);
    }
    fields.put("headers", headers);
    return fields;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
