package io.flymq.storage.record;

import io.flymq.storage.record.compress.CompressionCodec;
import io.flymq.storage.record.compress.GzipCodec;
import io.flymq.storage.record.compress.Lz4Codec;
import io.flymq.storage.record.compress.SnappyCodec;
import io.flymq.storage.record.compress.ZstdCodec;

/**
 * The codec for each compression type at Kafka's default level. Kept here rather than on {@link
 * CompressionType} so the compress package stays a leaf that knows nothing of batches. Codecs are
 * immutable; sharing one instance per type is thread-safe.
 */
final class CompressionCodecs {
  private static final CompressionCodec GZIP = new GzipCodec();
  private static final CompressionCodec SNAPPY = new SnappyCodec();
  private static final CompressionCodec LZ4 = new Lz4Codec();
  private static final CompressionCodec ZSTD = new ZstdCodec();

  private CompressionCodecs() {}

  /**
   * @throws IllegalArgumentException for {@link CompressionType#NONE}, which has no codec
   */
  static CompressionCodec forType(CompressionType type) {
    return switch (type) {
      case NONE ->
          throw new IllegalArgumentException("compression: none (expected: a compressing type)");
      case GZIP -> GZIP;
      case SNAPPY -> SNAPPY;
      case LZ4 -> LZ4;
      case ZSTD -> ZSTD;
    };
  }
}
