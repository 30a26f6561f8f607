package io.flymq.record.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * GZIP (RFC 1952) through java.util.zip: one gzip member with the JDK's fixed 10-byte header (no
 * name, mtime 0), deflate at the configured level, CRC32 and size trailer. Kafka writes the same
 * stream through the same JDK classes with a deflater output buffer of 8 KiB; deflate's output does
 * not depend on how the input is chunked, so the bytes match. Immutable, thread-safe.
 */
public final class GzipCodec implements CompressionCodec {
  /** zlib's default (6), as Kafka's default {@code compression.gzip.level}. */
  public static final int DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;

  private static final int DEFLATE_BUFFER_SIZE = 8 * 1024;

  private final int level;

  public GzipCodec() {
    this(DEFAULT_LEVEL);
  }

  /**
   * @param level 1-9, or -1 for zlib's default
   */
  public GzipCodec(int level) {
    if (level != Deflater.DEFAULT_COMPRESSION
        && (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION)) {
      throw new IllegalArgumentException("gzip level: " + level + " (expected: 1-9 or -1)");
    }
    this.level = level;
  }

  @Override
  public ByteBuffer compress(ByteBuffer uncompressed) {
    ByteArrayOutputStream out = StreamCompression.outputFor(uncompressed);
    try (GZIPOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
      StreamCompression.writeAll(uncompressed, gzip);
    } catch (IOException e) {
      throw StreamCompression.unexpected("gzip", e);
    }
    return StreamCompression.toBuffer(out);
  }

  @Override
  public ByteBuffer decompress(ByteBuffer compressed, int maxDecompressedBytes) {
    return StreamCompression.decompress(
        "gzip",
        compressed,
        maxDecompressedBytes,
        in -> new GZIPInputStream(in, DEFLATE_BUFFER_SIZE));
  }

  /** GZIPOutputStream hides its deflater's level; a subclass may set it. */
  private static final class LeveledGzipOutputStream extends GZIPOutputStream {
    LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
      super(out, DEFLATE_BUFFER_SIZE);
      def.setLevel(level);
    }
  }
}
