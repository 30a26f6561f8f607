package io.flymq.cli.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Where to start reading (or reset a group to): {@code earliest}, {@code latest}, an offset, or a
 * time. A plain number below 10^12 is an offset; a time is ISO-8601 ({@code 2026-12-01T10:00:00Z},
 * {@code 2026-12-01T10:00:00} in UTC, {@code 2026-12-01}), {@code @<epoch-ms>}, or a number of at
 * least 13 digits (epoch ms: no log reaches 10^12 offsets).
 *
 * @param kind which kind of position
 * @param value the offset or the epoch ms; 0 for earliest and latest
 */
record StartPosition(Kind kind, long value) {
  /** Kinds of position. */
  enum Kind {
    EARLIEST,
    LATEST,
    OFFSET,
    TIMESTAMP
  }

  private static final long EPOCH_MS_THRESHOLD = 1_000_000_000_000L;

  /**
   * Parses a position.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static StartPosition parse(String option, String text) {
    String t = text.trim();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "earliest", "beginning", "start", "oldest" -> {
        return new StartPosition(Kind.EARLIEST, 0);
      }
      case "latest", "end", "newest" -> {
        return new StartPosition(Kind.LATEST, 0);
      }
      default -> {}
    }
    try {
      if (t.startsWith("@")) {
        return new StartPosition(Kind.TIMESTAMP, Long.parseLong(t.substring(1)));
      }
      if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
        long n = Long.parseLong(t);
        return new StartPosition(n >= EPOCH_MS_THRESHOLD ? Kind.TIMESTAMP : Kind.OFFSET, n);
      }
      return new StartPosition(Kind.TIMESTAMP, isoToEpochMs(t));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + ": '"
              + text
              + "' (expected: earliest, latest, an offset, an ISO-8601 time such as"
              + " 2026-12-01T10:00:00Z, or @<epoch-ms>)",
          e);
    }
  }

  private static long isoToEpochMs(String t) {
    if (t.length() == 10) {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (t.endsWith("Z") || t.endsWith("z")) {
      return Instant.parse(t.toUpperCase(Locale.ROOT)).toEpochMilli();
    }
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException noOffset) {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
  }
}
