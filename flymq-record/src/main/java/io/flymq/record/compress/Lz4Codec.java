package io.flymq.record.compress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4 in the LZ4 frame format, with exactly the settings of Kafka's own frame writer for magic 2
 * batches (fields little endian):
 *
 * <pre>
 *  +------------------+------+------+-----+
 *  | magic 0x184D2204 | FLG  | BD   | HC  |   FLG 0x60: version 01, independent blocks, no block
 *  +------------------+------+------+-----+   checksums, no content size, no content checksum;
 *  | blockSize u32 | block bytes ...      |   BD 0x40: 64 KiB maximum block size;
 *  +---------------+----------------------+   HC = (xxHash32(FLG BD, seed 0) >> 8) & 0xFF.
 *  | ... more blocks ...                  |   Every block but the last holds exactly 64 KiB of
 *  +--------------------------------------+   input. A block whose compressed form is not
 *  | end mark 0x00000000                  |   smaller is stored raw, its size or'ed with
 *  +--------------------------------------+   0x80000000.
 * </pre>
 *
 * The default level (9) uses lz4's fast compressor, any other level lz4's HC compressor at that
 * level, as Kafka does. The reader also accepts frames with block checksums, content size and a
 * content checksum, and 64 KiB-4 MiB blocks, but not dependent blocks (no Kafka writer makes them).
 * Every block length is checked against the frame's maximum block size and the bytes present before
 * decompressing. Immutable and thread-safe.
 */
public final class Lz4Codec implements CompressionCodec {
  /** Kafka's default {@code compression.lz4.level}; it selects the fast (non-HC) compressor. */
  public static final int DEFAULT_LEVEL = 9;

  static final int MAGIC = 0x184D2204;
  static final int BLOCK_SIZE = 64 * 1024;
  private static final int INCOMPRESSIBLE_MASK = 0x80000000;
  private static final byte FLG = 0x60;
  private static final byte BD = 0x40;
  private static final int FLG_VERSION_MASK = 0xC0;
  private static final int FLG_VERSION_1 = 0x40;
  private static final int FLG_BLOCK_INDEPENDENCE = 0x20;
  private static final int FLG_BLOCK_CHECKSUM = 0x10;
  private static final int FLG_CONTENT_SIZE = 0x08;
  private static final int FLG_CONTENT_CHECKSUM = 0x04;
  private static final int FLG_RESERVED = 0x03;
  private static final int BD_RESERVED = 0x8F;

  private final LZ4Compressor compressor;
  private final LZ4SafeDecompressor decompressor;
  private final XXHash32 xxHash;

  public Lz4Codec() {
    this(DEFAULT_LEVEL);
  }

  /**
   * @param level 1-17; 9 (the default) selects the fast compressor, others lz4 HC at that level
   */
  public Lz4Codec(int level) {
    if (level < 1 || level > 17) {
      throw new IllegalArgumentException("lz4 level: " + level + " (expected: 1-17)");
    }
    LZ4Factory factory = LZ4Factory.fastestInstance();
    this.compressor =
        level == DEFAULT_LEVEL ? factory.fastCompressor() : factory.highCompressor(level);
    this.decompressor = factory.safeDecompressor();
    this.xxHash = XXHashFactory.fastestInstance().hash32();
  }

  @Override
  public ByteBuffer compress(ByteBuffer uncompressed) {
    byte[] input = new byte[uncompressed.remaining()];
    uncompressed.get(uncompressed.position(), input);
    int blocks = (input.length + BLOCK_SIZE - 1) / BLOCK_SIZE;
    byte[] output = new byte[7 + blocks * (4 + compressor.maxCompressedLength(BLOCK_SIZE)) + 4];
    ByteBuffer out = ByteBuffer.wrap(output).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).put(FLG).put(BD);
    out.put(headerChecksum(output, 4, 2));
    for (int from = 0; from < input.length; from += BLOCK_SIZE) {
      writeBlock(input, from, Math.min(BLOCK_SIZE, input.length - from), out);
    }
    out.putInt(0);
    return ByteBuffer.wrap(output, 0, out.position()).slice();
  }

  private void writeBlock(byte[] input, int from, int length, ByteBuffer out) {
    int dataStart = out.position() + 4;
    int compressedLength = compressor.compress(input, from, length, out.array(), dataStart);
    if (compressedLength >= length) {
      out.putInt(length | INCOMPRESSIBLE_MASK);
      out.put(input, from, length);
    } else {
      out.putInt(compressedLength);
      out.position(dataStart + compressedLength);
    }
  }

  /** Near the limit only: tells "too big for the room left" from "malformed" for the error. */
  private boolean decodesWithFullBlockRoom(byte[] input, int start, int length, int maxBlockSize) {
    try {
      decompressor.decompress(input, start, length, new byte[maxBlockSize], 0, maxBlockSize);
      return true;
    } catch (LZ4Exception e) {
      return false;
    }
  }

  private byte headerChecksum(byte[] frame, int from, int length) {
    return (byte) ((xxHash.hash(frame, from, length, 0) >> 8) & 0xFF);
  }

  @Override
  public ByteBuffer decompress(ByteBuffer compressed, int maxDecompressedBytes) {
    byte[] input = new byte[compressed.remaining()];
    compressed.get(compressed.position(), input);
    ByteBuffer in = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
    FrameDescriptor frame = readFrameDescriptor(in);
    BoundedOutput out =
        new BoundedOutput(Math.min(frame.maxBlockSize, input.length * 4), maxDecompressedBytes);
    while (true) {
      int blockSize = readInt(in, "block size");
      if (blockSize == 0) {
        break;
      }
      readBlock(in, blockSize, frame, out);
    }
    if (frame.contentChecksum) {
      readInt(in, "content checksum");
    }
    return out.toByteBuffer();
  }

  private void readBlock(ByteBuffer in, int blockSize, FrameDescriptor frame, BoundedOutput out) {
    boolean raw = (blockSize & INCOMPRESSIBLE_MASK) != 0;
    int length = blockSize & ~INCOMPRESSIBLE_MASK;
    if (length > frame.maxBlockSize || length > in.remaining()) {
      throw new DecompressionException(
          "lz4 block size: "
              + length
              + " (expected: <= "
              + Math.min(frame.maxBlockSize, in.remaining())
              + ")");
    }
    int start = in.position();
    if (raw) {
      out.write(in.array(), start, length);
    } else {
      // A block never decodes to more than the frame's block size, nor may it pass the caller's
      // limit.
      int room = Math.min(frame.maxBlockSize, out.headroom());
      out.reserve(room);
      try {
        out.advance(
            decompressor.decompress(in.array(), start, length, out.array(), out.size(), room));
      } catch (LZ4Exception e) {
        if (room < frame.maxBlockSize
            && decodesWithFullBlockRoom(in.array(), start, length, frame.maxBlockSize)) {
          throw out.exceeded();
        }
        throw new DecompressionException(
            "lz4: malformed block at " + start + " (" + e.getMessage() + ")", e);
      }
    }
    in.position(start + length);
    if (frame.blockChecksum) {
      int expected = readInt(in, "block checksum");
      if (xxHash.hash(in.array(), start, length, 0) != expected) {
        throw new DecompressionException("lz4: block checksum mismatch at " + start);
      }
    }
  }

  private FrameDescriptor readFrameDescriptor(ByteBuffer in) {
    int magic = readInt(in, "magic");
    if (magic != MAGIC) {
      throw new DecompressionException(
          "lz4 magic: 0x" + Integer.toHexString(magic) + " (expected: 0x184d2204)");
    }
    if (in.remaining() < 3) {
      throw new DecompressionException("lz4: frame descriptor truncated");
    }
    int descriptorStart = in.position();
    int flg = in.get() & 0xFF;
    int bd = in.get() & 0xFF;
    if ((flg & FLG_VERSION_MASK) != FLG_VERSION_1
        || (flg & FLG_RESERVED) != 0
        || (bd & BD_RESERVED) != 0) {
      throw new DecompressionException(
          "lz4 FLG/BD: 0x"
              + Integer.toHexString(flg)
              + "/0x"
              + Integer.toHexString(bd)
              + " (expected: version 01 and reserved bits 0)");
    }
    if ((flg & FLG_BLOCK_INDEPENDENCE) == 0) {
      throw new DecompressionException(
          "lz4: dependent blocks (expected: independent blocks, as Kafka writes)");
    }
    int blockSizeId = (bd >> 4) & 0x07;
    if (blockSizeId < 4) {
      throw new DecompressionException("lz4 block size id: " + blockSizeId + " (expected: 4-7)");
    }
    if ((flg & FLG_CONTENT_SIZE) != 0) {
      if (in.remaining() < 9) {
        throw new DecompressionException("lz4: frame descriptor truncated");
      }
      in.position(in.position() + 8);
    }
    byte checksum = in.get();
    if (checksum
        != headerChecksum(in.array(), descriptorStart, in.position() - 1 - descriptorStart)) {
      throw new DecompressionException("lz4: frame descriptor checksum mismatch");
    }
    return new FrameDescriptor(
        1 << (2 * blockSizeId + 8),
        (flg & FLG_BLOCK_CHECKSUM) != 0,
        (flg & FLG_CONTENT_CHECKSUM) != 0);
  }

  private static int readInt(ByteBuffer in, String what) {
    if (in.remaining() < 4) {
      throw new DecompressionException(
          "lz4: " + in.remaining() + " bytes left for the " + what + " (expected: 4)");
    }
    return in.getInt();
  }

  private record FrameDescriptor(
      int maxBlockSize, boolean blockChecksum, boolean contentChecksum) {}
}
