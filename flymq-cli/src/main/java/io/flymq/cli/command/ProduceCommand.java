package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.cli.format.FormattedRecord;
import io.flymq.cli.format.Headers;
import io.flymq.cli.format.RecordFormat;
import io.flymq.cli.format.RecordParser;
import io.flymq.cli.output.Progress;
import io.flymq.client.errors.FlyMQException;
import io.flymq.client.producer.FlyMQProducer;
import io.flymq.client.producer.ProducerRecord;
import io.flymq.client.producer.RecordMetadata;
import io.flymq.client.serde.Serdes;
import io.flymq.record.Header;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code produce TOPIC [VALUE]}: one record given on the command line (prints where it landed), or
 * many read from stdin or {@code --file} in the {@code --format} language, sent through a batching
 * {@link FlyMQProducer} and flushed at the end. Stops at the first failed record and exits 1.
 */
@Command(
    name = "produce",
    description = {
      "Produce one record (VALUE), or one per line of stdin or --file.",
      "With --format, each input record is parsed in the format language (%%k %%v %%p %%d %%h %%t)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  flymq-cli produce orders '{\"id\": 1}' --key customer-42 --header source=cli",
      "  seq 1 100000 | flymq-cli produce orders",
      "  printf 'k1\\tv1\\nk2\\tv2\\n' | flymq-cli produce orders --format '%%k\\t%%v\\n'"
    })
final class ProduceCommand extends BaseCommand {
  /** Inputs of more records than this draw a progress line by default (on a terminal). */
  private static final int PROGRESS_AFTER = 10_000;

  @Mixin ConnectionOptions connection;
  @Mixin OutputOption output;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic.")
  String topic;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "VALUE",
      description = "The value; when absent, records are read from stdin or --file.")
  String value;

  @Option(
      names = {"-k", "--key"},
      description = "The key (for every record read, unless the format has %%k).")
  String key;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "K=V",
      description = "A header; repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(
      names = {"-p", "--partition"},
      description = "The partition (default: by key hash, or sticky for keyless records).")
  Integer partition;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read records from this file instead of stdin.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "How input records are laid out (default: %%v\\n, one value per line).")
  String format;

  @Option(
      names = "--acks",
      defaultValue = "1",
      description = "Acknowledgement: 0, 1 or all (default: ${DEFAULT-VALUE}).")
  String acks;

  @Option(
      names = "--progress",
      description =
          "Draw a progress line on stderr (default: only on a terminal, for large inputs).")
  boolean progress;

  ProduceCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Integer call() throws IOException {
    if (partition != null && partition < 0) {
      throw usage("--partition: " + partition + " (expected: >= 0)");
    }
    if (value != null && (file != null || format != null)) {
      throw usage("VALUE cannot be combined with --file or --format (expected: one or the other)");
    }
    List<Header> fixedHeaders = new ArrayList<>();
    for (String header : headers) {
      FormattedRecord.Header h = Headers.parseOne(header);
      fixedHeaders.add(Header.of(h.key(), h.value()));
    }
    if (value != null) {
      try (FlyMQProducer<byte[], byte[]> producer = producer()) {
        return produceOne(producer, fixedHeaders);
      }
    }
    // Parse the format before connecting, so a bad format is a usage error with no side effect.
    RecordFormat recordFormat = RecordFormat.parse(format == null ? RecordFormat.DEFAULT : format);
    try (InputStream in = input()) {
      RecordParser parser = new RecordParser(recordFormat, in);
      try (FlyMQProducer<byte[], byte[]> producer = producer()) {
        return produceStream(producer, parser, fixedHeaders);
      }
    }
  }

  private FlyMQProducer<byte[], byte[]> producer() {
    return new FlyMQProducer<>(
        producerProperties(), Serdes.bytesSerializer(), Serdes.bytesSerializer());
  }

  private InputStream input() throws IOException {
    if (file == null) {
      return ctx.in();
    }
    if (!Files.isReadable(file)) {
      throw usage("--file: " + file + " cannot be read (expected: a readable file)");
    }
    return Files.newInputStream(file);
  }

  private Map<String, String> producerProperties() {
    Map<String, String> props = new LinkedHashMap<>(connection().clientProperties());
    props.put("acks", acks);
    // Larger batches and a short linger: piped input arrives faster than one request per record.
    props.put("linger.ms", "5");
    props.put("batch.size", "262144");
    return props;
  }

  private int produceOne(FlyMQProducer<byte[], byte[]> producer, List<Header> fixedHeaders) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, partition, null, utf8(key), utf8(value), fixedHeaders);
    RecordMetadata metadata = await(producer, record);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("topic", metadata.topic());
    fields.put("partition", metadata.partition());
    fields.put("offset", metadata.offset());
    fields.put("timestamp", metadata.timestamp());
    output.printer(ctx.out()).object(fields);
    return 0;
  }

  private static RecordMetadata await(
      FlyMQProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
    try {
      return producer.send(record).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private int produceStream(
      FlyMQProducer<byte[], byte[]> producer, RecordParser parser, List<Header> fixedHeaders)
      throws IOException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Progress bar = null;
    long count = 0;
    FormattedRecord parsed;
    while (failure.get() == null && (parsed = parser.next()) != null) {
      producer.send(
          toRecord(parsed, fixedHeaders),
          (metadata, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
          });
      count++;
      if (bar == null && (progress || (ctx.stderrIsTerminal() && count > PROGRESS_AFTER))) {
        bar = new Progress(ctx.err(), true, "records");
      }
      if (bar != null) {
        bar.update(count, -1);
      }
    }
    producer.flush();
    if (bar != null) {
      bar.finish(count, -1);
    }
    Exception error = failure.get();
    if (error != null) {
      throw error instanceof FlyMQException fe
          ? fe
          : new CliException(
              "producing failed after " + count + " records read: " + error,
              "check the broker log; records before the failure may have been written");
    }
    return 0;
  }

  private ProducerRecord<byte[], byte[]> toRecord(FormattedRecord parsed, List<Header> fixed) {
    List<Header> recordHeaders = fixed;
    if (!parsed.headers().isEmpty()) {
      recordHeaders = new ArrayList<>(fixed);
      for (FormattedRecord.Header h : parsed.headers()) {
        recordHeaders.add(Header.of(h.key(), h.value()));
      }
    }
    return new ProducerRecord<>(
        parsed.topic() != null ? parsed.topic() : topic,
        parsed.partition() >= 0 ? Integer.valueOf(parsed.partition()) : partition,
        parsed.timestamp() >= 0 ? Long.valueOf(parsed.timestamp()) : null,
        parsed.key() != null ? parsed.key() : utf8(key),
        parsed.value(),
        recordHeaders);
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}
