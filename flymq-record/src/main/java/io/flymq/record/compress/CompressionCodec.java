package io.flymq.record.compress;

import java.nio.ByteBuffer;

/**
 * Compresses and decompresses the records section of a batch as one stream, in exactly the stream
 * format Kafka's clients write for the same codec (see docs/storage-format.md), so a batch built
 * here is byte-identical to one built by kafka-clients.
 *
 * <p>Implementations are immutable and thread-safe; each call uses its own stream state.
 */
public interface CompressionCodec {
  /**
   * Compresses the remaining bytes of {@code uncompressed} without moving its position.
   *
   * @return a new big-endian buffer, position 0, limit = compressed size
   */
  ByteBuffer compress(ByteBuffer uncompressed);

  /**
   * Decompresses the remaining bytes of {@code compressed} without moving its position.
   *
   * @param maxDecompressedBytes the output is refused past this size, which defeats decompression
   *     bombs; nothing larger than it (plus one codec block) is ever allocated
   * @return a new big-endian buffer, position 0, limit = decompressed size
   * @throws DecompressionException if the input is malformed or decompresses past the limit
   */
  ByteBuffer decompress(ByteBuffer compressed, int maxDecompressedBytes);
}
