package io.flymq.server.metadata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads and writes one metadata snapshot file: the image as of a Raft log position.
 *
 * <pre>
 *   offset  size  field
 *   0       4     magic "FMQS"
 *   4       1     file format version (1)
 *   5       8     term of the last applied log entry
 *   13      8     index of the last applied log entry
 *   21      4     payload length n
 *   25      n     image, encoded by {@link MetadataCodec} (its own version byte first)
 *   25+n    4     CRC32C of bytes [0, 25+n)
 * </pre>
 *
 * <p>Written to a temporary file beside the target, forced to disk, then atomically renamed, and
 * the directory forced: a crash leaves either the old snapshot set or the new file complete, never
 * a torn one. All numbers big-endian. Stateless and thread-safe.
 */
public final class MetadataSnapshotFile {
  static final int MAGIC = 0x464d5153; // "FMQS"
  static final byte FORMAT_VERSION = 1;
  private static final int HEADER_SIZE = 4 + 1 + 8 + 8 + 4;

  /** Refuses to allocate for a corrupt length field; far above any real metadata image. */
  static final int MAX_PAYLOAD_BYTES = 1 << 30;

  /** What a snapshot file holds. */
  public record Contents(long term, long index, MetadataImage image) {
    public Contents {
      requireNonNull(image, "image");
      if (index < image.version()) {
        throw new IllegalArgumentException(
            "index: " + index + " (expected: >= image version " + image.version() + ")");
      }
    }
  }

  private MetadataSnapshotFile() {}

  /** Writes {@code contents} to {@code target} atomically and durably. */
  public static void write(Path target, Contents contents) throws IOException {
    byte[] payload = MetadataCodec.encode(contents.image());
    var buf = ByteBuffer.allocate(HEADER_SIZE + payload.length + 4);
    buf.putInt(MAGIC)
        .put(FORMAT_VERSION)
        .putLong(contents.term())
        .putLong(contents.index())
        .putInt(payload.length)
        .put(payload);
    var crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue()).flip();

    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (var ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(dir);
  }

  /**
   * @throws CorruptMetadataException if the file is torn, corrupt or of an unknown format
   */
  public static Contents read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < HEADER_SIZE + 4) {
      throw corrupt(file, bytes.length + " bytes (expected: >= " + (HEADER_SIZE + 4) + ")");
    }
    var buf = ByteBuffer.wrap(bytes);
    int magic = buf.getInt();
    if (magic != MAGIC) {
      throw corrupt(file, "magic 0x" + Integer.toHexString(magic) + " (expected: 0x464d5153)");
    }
    byte version = buf.get();
    if (version != FORMAT_VERSION) {
      throw corrupt(file, "format version " + version + " (expected: " + FORMAT_VERSION + ")");
    }
    long term = buf.getLong();
    long index = buf.getLong();
    int length = buf.getInt();
    if (length < 0 || length > MAX_PAYLOAD_BYTES || length != bytes.length - HEADER_SIZE - 4) {
      throw corrupt(
          file,
          "payload length "
              + length
              + " (file has "
              + (bytes.length - HEADER_SIZE - 4)
              + " payload bytes)");
    }
    var crc = new CRC32C();
    crc.update(bytes, 0, HEADER_SIZE + length);
    int stored = ByteBuffer.wrap(bytes, HEADER_SIZE + length, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw corrupt(file, "CRC32C mismatch");
    }
    byte[] payload = new byte[length];
    buf.get(payload);
    try {
      return new Contents(term, index, MetadataCodec.decodeImage(payload));
    } catch (IllegalArgumentException e) {
      throw corrupt(file, e.getMessage());
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (var ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static CorruptMetadataException corrupt(Path file, String why) {
    return new CorruptMetadataException("metadata snapshot " + file + ": " + why);
  }
}
