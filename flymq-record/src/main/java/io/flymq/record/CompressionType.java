package io.flymq.record;

/** The compression codec of a batch's records section; ids are attributes bits 0-2 as in Kafka. */
public enum CompressionType {
  NONE(0, "none"),
  GZIP(1, "gzip"),
  SNAPPY(2, "snappy"),
  LZ4(3, "lz4"),
  ZSTD(4, "zstd");

  private final int id;
  private final String configName;

  CompressionType(int id, String configName) {
    this.id = id;
    this.configName = configName;
  }

  /** The 3-bit id stored in the batch attributes. */
  public int id() {
    return id;
  }

  /** The name used in configuration ({@code compression.type}). */
  public String configName() {
    return configName;
  }

  /**
   * @throws IllegalArgumentException for ids 5-7, which no codec uses
   */
  public static CompressionType forId(int id) {
    return switch (id) {
      case 0 -> NONE;
      case 1 -> GZIP;
      case 2 -> SNAPPY;
      case 3 -> LZ4;
      case 4 -> ZSTD;
      default -> throw new IllegalArgumentException("compression id: " + id + " (expected: 0-4)");
    };
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static CompressionType forName(String name) {
    for (CompressionType type : values()) {
      if (type.configName.equalsIgnoreCase(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "compression: " + name + " (expected: none, gzip, snappy, lz4 or zstd)");
  }
}
