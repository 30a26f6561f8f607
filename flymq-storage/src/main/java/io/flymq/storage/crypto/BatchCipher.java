package io.flymq.storage.crypto;

import static io.flymq.record.RecordBatch.ATTRIBUTES_OFFSET;
import static io.flymq.record.RecordBatch.ENCRYPTED_MASK;
import static io.flymq.record.RecordBatch.HEADER_SIZE;
import static io.flymq.record.RecordBatch.LAST_OFFSET_DELTA_OFFSET;
import static io.flymq.record.RecordBatch.LENGTH_OFFSET;
import static io.flymq.record.RecordBatch.MAGIC_OFFSET;
import static io.flymq.record.RecordBatch.MAX_TIMESTAMP_OFFSET;
import static io.flymq.record.RecordBatch.PRODUCER_ID_OFFSET;
import static io.flymq.record.RecordBatch.RECORDS_OFFSET;
import static java.util.Objects.requireNonNull;

import io.flymq.record.RecordBatch;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts the records section of one RecordBatch v2 with AES-256-GCM, keeping the
 * batch a valid v2 batch on disk (magic, length and CRC32C), so that recovery and CRC checks work
 * on encrypted segments unchanged. Full description: docs/encryption-at-rest.md.
 *
 * <pre>
 *  plain:      | header (61) | records (n)                                        |
 *  encrypted:  | header (61) | nonce (12) | AES-GCM ciphertext (n) | tag (16)     |
 *                 length += 28, attributes |= ENCRYPTED_MASK (0x80), CRC32C recomputed over the
 *                 stored bytes (attributes..end), every other header byte unchanged
 * </pre>
 *
 * <p>Additional authenticated data (AAD), 33 bytes, the header fields that never change once a
 * batch is in the log, in header order:
 *
 * <pre>
 *  | magic (1) | attributes without 0x80 (2) | lastOffsetDelta (4) | baseTimestamp (8) |
 *  | producerId (8) | producerEpoch (2) | baseSequence (4) | recordCount (4) |
 * </pre>
 *
 * Not authenticated, because the log rewrites them in place after a batch is written: baseOffset
 * (offset assignment), partitionLeaderEpoch (stamped by the leader), maxTimestamp (log-append
 * time), length and crc (they follow from the encryption itself; GCM authenticates the ciphertext
 * length). Consequences: log-append time must be stamped before {@link #encrypt} (it also sets an
 * attributes bit, which is authenticated), and an attacker who can write the disk can move a whole
 * encrypted batch to another offset; GCM guarantees each batch's contents, not its position.
 *
 * <p>Nonces: 96 bits from a {@link SecureRandom}, fresh for every {@link #encrypt} call, so
 * encrypting the same batch twice never yields the same bytes. Random nonces stay below a 2^-32
 * collision probability for 2^32 batches per key (NIST SP 800-38D); rotate keys well before that.
 *
 * <p>Thread-safe: the key is immutable, {@link SecureRandom} is thread-safe, and each call creates
 * its own {@link Cipher} (not thread-safe; {@code getInstance} is cheap next to the AES work on a
 * batch, and this avoids a ThreadLocal per virtual thread).
 */
public final class BatchCipher {
  /** Bytes of the GCM nonce stored in front of the ciphertext. */
  public static final int NONCE_SIZE = 12;

  /** Bytes of the GCM authentication tag stored after the ciphertext. */
  public static final int TAG_SIZE = 16;

  /** Bytes an encrypted batch is longer than its plaintext: nonce and tag. */
  public static final int OVERHEAD = NONCE_SIZE + TAG_SIZE;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int AAD_SIZE = 33;
  private static final String WRONG_KEY_HINT =
      "the data was written with another "
          + EncryptionKey.ENVIRONMENT_VARIABLE
          + ", or the segment was modified on disk; start the broker with the key the data was written with";

  private final EncryptionKey key;
  private final SecureRandom random;

  /** A cipher drawing nonces from a new default {@link SecureRandom}. */
  public BatchCipher(EncryptionKey key) {
    this(key, new SecureRandom());
  }

  /** A cipher drawing nonces from {@code random}, which must be cryptographically strong. */
  public BatchCipher(EncryptionKey key, SecureRandom random) {
    this.key = requireNonNull(key, "key");
    this.random = requireNonNull(random, "random");
  }

  /** Size of a batch of {@code plainSize} bytes once encrypted. */
  public static int encryptedSize(int plainSize) {
    if (plainSize < HEADER_SIZE) {
      throw new IllegalArgumentException(
          "plainSize: " + plainSize + " (expected: >= " + HEADER_SIZE + ")");
    }
    return Math.addExact(plainSize, OVERHEAD);
  }

  /** Size of {@code encrypted} once decrypted. */
  public static int decryptedSize(RecordBatch encrypted) {
    return encrypted.sizeInBytes() - OVERHEAD;
  }

  /**
   * Encrypts {@code plain} into a new heap buffer (big-endian, position 0, limit = batch size). The
   * source batch and its buffer are not modified.
   *
   * @throws IllegalArgumentException if the batch is already encrypted, shorter than a header, or
   *     its CRC does not match (encrypting would hide the corruption behind a fresh CRC)
   * @throws EncryptionException if the JVM cannot run AES-GCM
   */
  public ByteBuffer encrypt(RecordBatch plain) {
    if (plain.isEncrypted()) {
      throw new IllegalArgumentException(
          "batch at offset "
              + plain.baseOffset()
              + ": already encrypted (expected: a plaintext batch)");
    }
    int plainSize = plain.sizeInBytes();
    if (plainSize < HEADER_SIZE) {
      throw new IllegalArgumentException(
          "batch size: " + plainSize + " (expected: >= " + HEADER_SIZE + ")");
    }
    if (!plain.isCrcValid()) {
      throw new IllegalArgumentException(
          "batch at offset "
              + plain.baseOffset()
              + ": crc "
              + plain.crc()
              + " (expected: "
              + plain.computeCrc()
              + "; validate batches before encrypting them)");
    }
    ByteBuffer out = ByteBuffer.allocate(encryptedSize(plainSize));
    out.put(0, plain.buffer(), plain.start(), HEADER_SIZE);
    out.putInt(LENGTH_OFFSET, plain.batchLength() + OVERHEAD);
    out.putShort(ATTRIBUTES_OFFSET, (short) (plain.attributes() | ENCRYPTED_MASK));

    byte[] nonce = new byte[NONCE_SIZE];
    random.nextBytes(nonce);
    out.put(RECORDS_OFFSET, nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_SIZE * Byte.SIZE, nonce));
      cipher.updateAAD(aad(out));
      cipher.doFinal(
          plain.recordsSection(),
          out.slice(RECORDS_OFFSET + NONCE_SIZE, plainSize - HEADER_SIZE + TAG_SIZE));
    } catch (GeneralSecurityException e) {
      throw new EncryptionException(
          "cannot encrypt batch at offset " + plain.baseOffset() + ": " + e,
          "this JVM must provide " + TRANSFORMATION + " with 256-bit keys",
          e);
    }
    RecordBatch.wrap(out, 0).updateCrc();
    return out;
  }

  /**
   * Decrypts {@code encrypted} into a new heap buffer (big-endian, position 0, limit = batch size)
   * holding the plaintext batch: encrypted bit cleared, length restored, CRC recomputed. Given the
   * same baseOffset, partitionLeaderEpoch and maxTimestamp, the bytes equal those passed to {@link
   * #encrypt}. The source batch and its buffer are not modified.
   *
   * @throws IllegalArgumentException if the batch is not marked encrypted
   * @throws EncryptionException if the batch is too short, its CRC does not match, or GCM
   *     authentication fails (wrong key, or ciphertext, tag or an authenticated header field
   *     changed); no plaintext is returned in any of these cases
   */
  public ByteBuffer decrypt(RecordBatch encrypted) {
    if (!encrypted.isEncrypted()) {
      throw new IllegalArgumentException(
          "batch at offset "
              + encrypted.baseOffset()
              + ": not encrypted (expected: attributes bit 0x80 set)");
    }
    int encryptedSize = encrypted.sizeInBytes();
    if (encryptedSize < HEADER_SIZE + OVERHEAD) {
      throw new EncryptionException(
          "encrypted batch at offset "
              + encrypted.baseOffset()
              + ": size "
              + encryptedSize
              + " (expected: >= "
              + (HEADER_SIZE + OVERHEAD)
              + ")",
          "the segment is damaged; run recovery, which truncates the log before this batch");
    }
    // The CRC covers maxTimestamp, which GCM does not; without this check a flipped bit there
    // would come back out under a freshly computed, valid CRC.
    if (!encrypted.isCrcValid()) {
      throw new EncryptionException(
          "encrypted batch at offset "
              + encrypted.baseOffset()
              + ": crc "
              + encrypted.crc()
              + " (expected: "
              + encrypted.computeCrc()
              + ")",
          "the segment is damaged; run recovery, which truncates the log before this batch");
    }
    ByteBuffer out = ByteBuffer.allocate(encryptedSize - OVERHEAD);
    out.put(0, encrypted.buffer(), encrypted.start(), HEADER_SIZE);
    out.putInt(LENGTH_OFFSET, encrypted.batchLength() - OVERHEAD);
    out.putShort(ATTRIBUTES_OFFSET, (short) (encrypted.attributes() & ~ENCRYPTED_MASK));

    ByteBuffer section = encrypted.recordsSection();
    byte[] nonce = new byte[NONCE_SIZE];
    section.get(0, nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_SIZE * Byte.SIZE, nonce));
      cipher.updateAAD(aad(out));
      cipher.doFinal(section.position(NONCE_SIZE), out.position(RECORDS_OFFSET));
    } catch (AEADBadTagException e) {
      throw new EncryptionException(
          "cannot decrypt batch at offset "
              + encrypted.baseOffset()
              + " with the key of fingerprint "
              + key.fingerprint()
              + ": authentication failed",
          WRONG_KEY_HINT,
          e);
    } catch (GeneralSecurityException e) {
      throw new EncryptionException(
          "cannot decrypt batch at offset " + encrypted.baseOffset() + ": " + e,
          "this JVM must provide " + TRANSFORMATION + " with 256-bit keys",
          e);
    }
    out.clear();
    RecordBatch.wrap(out, 0).updateCrc();
    return out;
  }

  /**
   * The AAD of the batch whose header starts at index 0 of {@code header}, with the encrypted bit
   * cleared so that encryption and decryption see the same bytes.
   */
  private static ByteBuffer aad(ByteBuffer header) {
    ByteBuffer aad = ByteBuffer.allocate(AAD_SIZE);
    aad.put(header.get(MAGIC_OFFSET));
    aad.putShort((short) (header.getShort(ATTRIBUTES_OFFSET) & ~ENCRYPTED_MASK));
    aad.put(
        header.slice(LAST_OFFSET_DELTA_OFFSET, MAX_TIMESTAMP_OFFSET - LAST_OFFSET_DELTA_OFFSET));
    aad.put(header.slice(PRODUCER_ID_OFFSET, RECORDS_OFFSET - PRODUCER_ID_OFFSET));
    return aad.flip();
  }

  @Override
  public String toString() {
    return "BatchCipher(" + key + ")";
  }
}
