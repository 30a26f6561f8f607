package io.flymq.record.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Shared plumbing for codecs that are driven through java.io streams. Stateless. */
final class StreamCompression {
  private static final int COPY_CHUNK = 16 * 1024;

  private StreamCompression() {}

  /** An output sized for a typical compression ratio; it grows if needed. */
  static ByteArrayOutputStream outputFor(ByteBuffer uncompressed) {
    return new ByteArrayOutputStream(Math.max(64, uncompressed.remaining() / 2));
  }

  /** Writes the remaining bytes of {@code source} to {@code out}, without moving its position. */
  static void writeAll(ByteBuffer source, OutputStream out) throws IOException {
    if (source.hasArray()) {
      out.write(source.array(), source.arrayOffset() + source.position(), source.remaining());
      return;
    }
    byte[] chunk = new byte[Math.min(COPY_CHUNK, source.remaining())];
    ByteBuffer cursor = source.duplicate();
    while (cursor.hasRemaining()) {
      int n = Math.min(chunk.length, cursor.remaining());
      cursor.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }

  static ByteBuffer toBuffer(ByteArrayOutputStream out) {
    return ByteBuffer.wrap(out.toByteArray());
  }

  /** Compression of in-memory bytes cannot fail with an I/O error; a library bug can. */
  static UncheckedIOException unexpected(String codec, IOException e) {
    return new UncheckedIOException(codec + " compression failed on an in-memory stream", e);
  }

  /** Wraps a raw input in a codec's decompressing stream. */
  @FunctionalInterface
  interface Decompressor {
    InputStream open(InputStream compressed) throws IOException;
  }

  /**
   * Decompresses the remaining bytes of {@code compressed} into a bounded output, mapping every
   * failure of the codec library to {@link DecompressionException}.
   */
  static ByteBuffer decompress(
      String codec, ByteBuffer compressed, int maxDecompressedBytes, Decompressor decompressor) {
    BoundedOutput out = new BoundedOutput(compressed.remaining() * 4, maxDecompressedBytes);
    try (InputStream in = decompressor.open(new ByteBufferInputStream(compressed))) {
      out.readFully(in);
    } catch (DecompressionException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DecompressionException(codec + ": malformed compressed data (" + e + ")", e);
    }
    return out.toByteBuffer();
  }
}
