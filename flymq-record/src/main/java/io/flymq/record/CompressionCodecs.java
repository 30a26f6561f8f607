package io.flymq.record;

import io.flymq.record.compress.CompressionCodec;
import io.flymq.record.compress.GzipCodec;
import io.flymq.record.compress.Lz4Codec;
import io.flymq.record.compress.SnappyCodec;
import io.flymq.record.compress.ZstdCodec;
import java.util.Locale;

/**
 * The codec for each compression type at Kafka's default level. Kept here rather than on {@link
 * CompressionType} so the compress package stays a leaf that knows nothing of batches. Codecs are
 * immutable; sharing one instance per type is thread-safe.
 *
 * <p>Each codec lives in its own holder class, so its library is loaded only when a batch of that
 * type is first built or read: the client declares lz4, snappy and zstd optional, and an
 * application that never uses one need not ship it.
 */
final class CompressionCodecs {
  private CompressionCodecs() {}

  /**
   * @throws IllegalArgumentException for {@link CompressionType#NONE}, which has no codec
   * @throws IllegalStateException if the codec's library is not on the class path
   */
  static CompressionCodec forType(CompressionType type) {
    try {
      return switch (type) {
        case NONE ->
            throw new IllegalArgumentException("compression: none (expected: a compressing type)");
        case GZIP -> Gzip.CODEC;
        case SNAPPY -> Snappy.CODEC;
        case LZ4 -> Lz4.CODEC;
        case ZSTD -> Zstd.CODEC;
      };
    } catch (NoClassDefFoundError | ExceptionInInitializerError e) {
      throw new IllegalStateException(
          "compression "
              + type.name().toLowerCase(Locale.ROOT)
              + " is not available: "
              + e
              + " (add "
              + library(type)
              + " to the class path, or choose another compression type)",
          e);
    }
  }

  private static String library(CompressionType type) {
    return switch (type) {
      case SNAPPY -> "org.xerial.snappy:snappy-java";
      case LZ4 -> "at.yawk.lz4:lz4-java";
      case ZSTD -> "com.github.luben:zstd-jni";
      default -> "the JDK's java.util.zip";
    };
  }

  private static final class Gzip {
    static final CompressionCodec CODEC = new GzipCodec();
  }

  private static final class Snappy {
    static final CompressionCodec CODEC = new SnappyCodec();
  }

  private static final class Lz4 {
    static final CompressionCodec CODEC = new Lz4Codec();
  }

  private static final class Zstd {
    static final CompressionCodec CODEC = new ZstdCodec();
  }
}
