package io.flymq.cli.format;

import java.util.List;

/**
 * A record as the format language sees it, read from the broker or parsed from input. Fields a
 * parsed format did not contain are null (partition and timestamp: -1, headers: empty).
 *
 * @param topic the topic, or null
 * @param partition the partition, or -1
 * @param offset the offset, or -1
 * @param timestamp ms since the epoch, or -1
 * @param key the key bytes, or null
 * @param value the value bytes, or null
 * @param headers the headers in order
 */
public record FormattedRecord(
    String topic,
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    byte[] value,
    List<Header> headers) {

  /** Canonical constructor: copies the header list. */
  public FormattedRecord {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /**
   * A record header.
   *
   * @param key the header name
   * @param value the header value bytes
   */
  public record Header(String key, byte[] value) {}
}
