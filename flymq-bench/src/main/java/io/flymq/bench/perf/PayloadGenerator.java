package io.flymq.bench.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Scanner;
import java.util.SplittableRandom;

/**
 * The record values of {@link ProducerPerformance}, chosen as Kafka's tool chooses them: random
 * upper-case letters of the record size (seeded, so runs repeat), a random entry of a payload file,
 * or the record number in decimal. Each call returns a fresh array, because the producer may still
 * hold the previous one. Not thread-safe.
 */
final class PayloadGenerator {
  private final SplittableRandom random = new SplittableRandom(0);
  private final int recordSize;
  private final List<byte[]> payloads;
  private final boolean monotonic;

  private PayloadGenerator(int recordSize, List<byte[]> payloads, boolean monotonic) {
    this.recordSize = recordSize;
    this.payloads = payloads;
    this.monotonic = monotonic;
  }

  /**
   * @throws IOException if the payload file cannot be read
   * @throws IllegalArgumentException if the payload file is missing or empty
   */
  static PayloadGenerator of(ProducerPerfOptions options) throws IOException {
    if (options.recordSize().isPresent()) {
      return new PayloadGenerator(options.recordSize().get(), List.of(), false);
    }
    if (options.payloadFile().isPresent()) {
      Path path = options.payloadFile().get();
      if (Files.notExists(path) || Files.size(path) == 0) {
        throw new IllegalArgumentException(
            "--payload-file: " + path + " (expected: an existing, non-empty file)");
      }
      List<byte[]> payloads = new ArrayList<>();
      try (Scanner scanner = new Scanner(path, StandardCharsets.UTF_8)) {
        scanner.useDelimiter(options.payloadDelimiter());
        while (scanner.hasNext()) {
          payloads.add(scanner.next().getBytes(StandardCharsets.UTF_8));
        }
      }
      System.out.println("Reading payloads from: " + path.toAbsolutePath());
      System.out.println("Number of messages read: " + payloads.size());
      return new PayloadGenerator(0, payloads, false);
    }
    return new PayloadGenerator(0, List.of(), true);
  }

  /** The value of record {@code index} (0-based). */
  byte[] next(long index) {
    if (!payloads.isEmpty()) {
      return payloads.get(random.nextInt(payloads.size()));
    }
    if (monotonic) {
      return Long.toString(index).getBytes(StandardCharsets.UTF_8);
    }
    byte[] value = new byte[recordSize];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) ('A' + random.nextInt(26));
    }
    return value;
  }
}
