package io.flymq.record.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Snappy in snappy-java's own stream framing (the format of {@code SnappyOutputStream}, which
 * Kafka's clients use), not the official snappy framing format:
 *
 * <pre>
 *  +---------------------------------+-------------+-----------------+
 *  | magic 0x82 'S' 'N' 'A' 'P' 'P'  | version i32 | compatible i32  |   16-byte header,
 *  |       'Y' 0x00  (8 bytes)       | = 1         | = 1             |   big endian
 *  +---------------------------------+-------------+-----------------+
 *  | compressedLength i32 | raw snappy block of up to 32 KiB input    |   repeated
 *  +----------------------+-------------------------------------------+
 * </pre>
 *
 * Every block but the last holds exactly 32 KiB of input, however the input was written, so framing
 * the whole section at once gives Kafka's bytes. The decoder is written here rather than taken from
 * {@code SnappyInputStream} so that every length is checked against the bytes present and against
 * the caller's limit before anything is allocated. Concatenated streams (a header again where a
 * block length is expected) are accepted, as snappy-java does. Immutable and thread-safe.
 */
public final class SnappyCodec implements CompressionCodec {
  static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
  static final int VERSION = 1;
  static final int MIN_COMPATIBLE_VERSION = 1;
  static final int HEADER_SIZE = MAGIC.length + 8;

  /** Input bytes per block, snappy-java's default block size. */
  static final int BLOCK_SIZE = 32 * 1024;

  @Override
  public ByteBuffer compress(ByteBuffer uncompressed) {
    byte[] input = heapCopy(uncompressed);
    int blocks = Math.max(1, (input.length + BLOCK_SIZE - 1) / BLOCK_SIZE);
    byte[] output = new byte[HEADER_SIZE + blocks * (4 + Snappy.maxCompressedLength(BLOCK_SIZE))];
    ByteBuffer out = ByteBuffer.wrap(output);
    out.put(MAGIC).putInt(VERSION).putInt(MIN_COMPATIBLE_VERSION);
    try {
      for (int from = 0; from < input.length; from += BLOCK_SIZE) {
        int length = Math.min(BLOCK_SIZE, input.length - from);
        int compressedLength = Snappy.compress(input, from, length, output, out.position() + 4);
        out.putInt(compressedLength);
        out.position(out.position() + compressedLength);
      }
    } catch (IOException e) {
      throw StreamCompression.unexpected("snappy", e);
    }
    return ByteBuffer.wrap(output, 0, out.position()).slice();
  }

  @Override
  public ByteBuffer decompress(ByteBuffer compressed, int maxDecompressedBytes) {
    byte[] input = heapCopy(compressed);
    BoundedOutput out = new BoundedOutput(input.length * 2, maxDecompressedBytes);
    int position = readHeader(input, 0);
    try {
      while (position < input.length) {
        if (startsWithMagic(input, position)) {
          position = readHeader(input, position);
          continue;
        }
        position = decompressBlock(input, position, out);
      }
    } catch (IOException | SnappyError e) {
      throw new DecompressionException("snappy: malformed block (" + e + ")", e);
    }
    return out.toByteBuffer();
  }

  private static int decompressBlock(byte[] input, int position, BoundedOutput out)
      throws IOException {
    if (input.length - position < 4) {
      throw new DecompressionException(
          "snappy: " + (input.length - position) + " bytes left for a block length (expected: 4)");
    }
    int length = ByteBuffer.wrap(input, position, 4).getInt();
    int blockStart = position + 4;
    if (length < 0 || length > input.length - blockStart) {
      throw new DecompressionException(
          "snappy block length: " + length + " (expected: 0-" + (input.length - blockStart) + ")");
    }
    if (!Snappy.isValidCompressedBuffer(input, blockStart, length)) {
      throw new DecompressionException(
          "snappy: block at " + position + " is not valid snappy data");
    }
    int uncompressedLength = Snappy.uncompressedLength(input, blockStart, length);
    if (uncompressedLength < 0) {
      throw new DecompressionException(
          "snappy uncompressed block length: " + uncompressedLength + " (expected: >= 0)");
    }
    out.reserve(uncompressedLength);
    int written = Snappy.uncompress(input, blockStart, length, out.array(), out.size());
    out.advance(written);
    return blockStart + length;
  }

  private static int readHeader(byte[] input, int position) {
    if (input.length - position < HEADER_SIZE || !startsWithMagic(input, position)) {
      throw new DecompressionException(
          "snappy: no stream header at " + position + " (expected: 0x82 SNAPPY 0x00)");
    }
    int compatible = ByteBuffer.wrap(input, position + MAGIC.length + 4, 4).getInt();
    if (compatible > VERSION) {
      throw new DecompressionException(
          "snappy compatible version: " + compatible + " (expected: <= " + VERSION + ")");
    }
    return position + HEADER_SIZE;
  }

  private static boolean startsWithMagic(byte[] input, int position) {
    if (input.length - position < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (input[position + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * snappy-java's array API wants heap arrays; a section is at most one batch, so one copy is
   * cheap.
   */
  private static byte[] heapCopy(ByteBuffer source) {
    byte[] copy = new byte[source.remaining()];
    source.get(source.position(), copy);
    return copy;
  }
}
