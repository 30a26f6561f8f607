package io.flymq.record.compress;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Zstandard through zstd-jni's streaming API, as Kafka's clients use it: one frame written with
 * {@code ZSTD_compressStream2}, level 3 by default, no content size in the frame header (the size
 * is not pledged, so the compression parameters are the level's defaults for unknown sizes), no
 * content checksum, no dictionary, and a flush before the end of the frame, so the frame ends with
 * an empty last block (3 bytes). Kafka feeds the stream through a 16 KiB buffer; zstd buffers input
 * up to a whole block itself, so the frame does not depend on that chunking. Immutable and
 * thread-safe.
 */
public final class ZstdCodec implements CompressionCodec {
  /** Kafka's default {@code compression.zstd.level}. */
  public static final int DEFAULT_LEVEL = 3;

  private final int level;

  public ZstdCodec() {
    this(DEFAULT_LEVEL);
  }

  /**
   * @param level -131072 to 22 (zstd's range; negative levels are the fast modes)
   */
  public ZstdCodec(int level) {
    if (level < -131072 || level > 22) {
      throw new IllegalArgumentException("zstd level: " + level + " (expected: -131072 to 22)");
    }
    this.level = level;
  }

  @Override
  public ByteBuffer compress(ByteBuffer uncompressed) {
    ByteArrayOutputStream out = StreamCompression.outputFor(uncompressed);
    try (ZstdOutputStreamNoFinalizer zstd =
        new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE, level)) {
      StreamCompression.writeAll(uncompressed, zstd);
      // Kafka's stream flushes before it ends the frame (its buffered wrapper flushes on close), so
      // the data ends a non-last block and the frame closes with an empty last block; do the same.
      zstd.flush();
    } catch (IOException e) {
      throw StreamCompression.unexpected("zstd", e);
    }
    return StreamCompression.toBuffer(out);
  }

  @Override
  public ByteBuffer decompress(ByteBuffer compressed, int maxDecompressedBytes) {
    return StreamCompression.decompress(
        "zstd",
        compressed,
        maxDecompressedBytes,
        in -> new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE));
  }
}
