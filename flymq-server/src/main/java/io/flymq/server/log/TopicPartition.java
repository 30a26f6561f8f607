package io.flymq.server.log;

import java.util.Objects;

/** A partition of a topic. Its log lives in {@code <data_dir>/<topic>-<partition>}. */
public record TopicPartition(String topic, int partition) {
  public TopicPartition {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
    }
  }

  /**
   * The directory name of this partition's log: {@code <topic>-<partition>}, with every character
   * outside {@code [A-Za-z0-9._-]} (such as the {@code /} topic names may hold) written as {@code
   * %XX} of its UTF-8 bytes, so a name never reaches outside the logs directory.
   */
  public String directoryName() {
    StringBuilder name = new StringBuilder();
    for (byte b : topic.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (plain && !(name.isEmpty() && c == '.')) {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return name.append('-').append(partition).toString();
  }

  @Override
  public String toString() {
    return topic + "[" + partition + "]";
  }
}
