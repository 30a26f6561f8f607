package io.flymq.storage.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The key-check file of a data directory, {@value #FILE_NAME}: proof of which key the directory's
 * encrypted batches were written with, so that a broker started with another key (or none) stops at
 * once with a clear error instead of failing on every batch it reads.
 *
 * <pre>
 *  0         1                   5              17                       49          65
 *  +---------+-------------------+--------------+------------------------+-----------+
 *  | version | key fingerprint   | nonce (12)   | AES-256-GCM ciphertext | tag (16)  |
 *  | = 1     | (4, SHA-256[0:4]) |              | of the fixed text (32) |           |
 *  +---------+-------------------+--------------+------------------------+-----------+
 *  fixed text = ASCII "FlyMQ encryption-at-rest check 1"
 *  AAD = bytes 0..5 (version and fingerprint), so neither can be edited unnoticed.
 * </pre>
 *
 * The fingerprint lets the error name the key the directory was created with; it reveals 32 bits of
 * a hash of the key, nothing usable to recover it. A fingerprint that matches but a tag that does
 * not means the file itself is damaged, reported as such.
 *
 * <p>Thread-safety: the methods are stateless; the caller holds the data directory's lock, since
 * two processes creating the file at once with different keys would race.
 */
public final class KeyCheck {
  /** Name of the key-check file inside a data directory. */
  public static final String FILE_NAME = "encryption.check";

  static final byte VERSION = 1;

  private static final byte[] PLAINTEXT = "FlyMQ encryption-at-rest check 1".getBytes(US_ASCII);
  private static final int FINGERPRINT_SIZE = 4;
  private static final int PREFIX_SIZE = 1 + FINGERPRINT_SIZE;
  private static final int FILE_SIZE =
      PREFIX_SIZE + BatchCipher.NONCE_SIZE + PLAINTEXT.length + BatchCipher.TAG_SIZE;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyCheck() {}

  /**
   * Creates the key-check file for {@code key} if {@code dataDir} has none (atomically: temp file,
   * fsync, rename, fsync of the directory); otherwise verifies that it was written with {@code
   * key}.
   *
   * @throws IllegalArgumentException if {@code dataDir} is not an existing directory
   * @throws EncryptionKeyMismatchException if the directory was created with another key
   * @throws EncryptionException if the file is damaged or of an unknown version
   * @throws IOException if the file cannot be read or written
   */
  public static void verifyOrCreate(Path dataDir, EncryptionKey key) throws IOException {
    requireNonNull(key, "key");
    Path file = checkFile(dataDir);
    if (Files.exists(file)) {
      verify(dataDir, file, key);
    } else {
      create(dataDir, file, key);
    }
  }

  /** Whether {@code dataDir} holds encrypted data, i.e. has a key-check file. */
  public static boolean isEncrypted(Path dataDir) {
    return Files.exists(requireNonNull(dataDir, "dataDir").resolve(FILE_NAME));
  }

  /**
   * For a broker started without a key: fails if {@code dataDir} holds encrypted data.
   *
   * @throws EncryptionKeyMissingException if the directory has a key-check file
   */
  public static void verifyUnencrypted(Path dataDir) {
    if (isEncrypted(dataDir)) {
      throw new EncryptionKeyMissingException(dataDir);
    }
  }

  private static Path checkFile(Path dataDir) {
    requireNonNull(dataDir, "dataDir");
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException(
          "dataDir: " + dataDir + " (expected: an existing directory)");
    }
    return dataDir.resolve(FILE_NAME);
  }

  private static void verify(Path dataDir, Path file, EncryptionKey key) throws IOException {
    // Check the size before reading so a stray huge file is never loaded whole.
    long size = Files.size(file);
    if (size != FILE_SIZE) {
      throw damaged(file, "size " + size + " bytes (expected: " + FILE_SIZE + ")");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != FILE_SIZE) {
      throw damaged(file, "size " + bytes.length + " bytes (expected: " + FILE_SIZE + ")");
    }
    if (bytes[0] != VERSION) {
      throw new EncryptionException(
          file + ": version " + bytes[0] + " (expected: " + VERSION + ")",
          "the directory was written by a newer FlyMQ; run that version or newer");
    }
    byte[] recorded = Arrays.copyOfRange(bytes, 1, PREFIX_SIZE);
    if (!Arrays.equals(recorded, fingerprintBytes(key))) {
      throw new EncryptionKeyMismatchException(
          dataDir, key.fingerprint(), HexFormat.of().formatHex(recorded));
    }
    byte[] plaintext;
    try {
      Cipher cipher =
          cipher(
              Cipher.DECRYPT_MODE,
              key,
              Arrays.copyOfRange(bytes, PREFIX_SIZE, PREFIX_SIZE + BatchCipher.NONCE_SIZE));
      cipher.updateAAD(bytes, 0, PREFIX_SIZE);
      plaintext =
          cipher.doFinal(
              bytes,
              PREFIX_SIZE + BatchCipher.NONCE_SIZE,
              FILE_SIZE - PREFIX_SIZE - BatchCipher.NONCE_SIZE);
    } catch (AEADBadTagException e) {
      // The fingerprints matched, so the key is almost surely right and the file is what changed.
      throw damaged(
          file,
          "authentication failed although the key fingerprint " + key.fingerprint() + " matches");
    } catch (GeneralSecurityException e) {
      throw new EncryptionException(
          "cannot verify " + file + ": " + e, "this JVM must provide " + TRANSFORMATION, e);
    }
    if (!Arrays.equals(plaintext, PLAINTEXT)) {
      throw damaged(file, "unexpected check plaintext");
    }
  }

  private static void create(Path dataDir, Path file, EncryptionKey key) throws IOException {
    byte[] nonce = new byte[BatchCipher.NONCE_SIZE];
    RANDOM.nextBytes(nonce);
    ByteBuffer out = ByteBuffer.allocate(FILE_SIZE);
    out.put(VERSION).put(fingerprintBytes(key)).put(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      cipher.updateAAD(out.array(), 0, PREFIX_SIZE);
      cipher.doFinal(ByteBuffer.wrap(PLAINTEXT), out);
    } catch (GeneralSecurityException e) {
      throw new EncryptionException(
          "cannot create " + file + ": " + e, "this JVM must provide " + TRANSFORMATION, e);
    }
    out.flip();

    Path temp = dataDir.resolve(FILE_NAME + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (out.hasRemaining()) {
        channel.write(out);
      }
      channel.force(true);
    }
    // Rename only after the content is durable, so that a crash leaves either no file or a whole
    // one.
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(dataDir);
  }

  /**
   * Makes the rename durable; a crash could otherwise forget the file while keeping encrypted
   * batches.
   */
  private static void fsyncDirectory(Path dir) throws IOException {
    // Windows cannot open a directory as a channel; NTFS journals the rename itself.
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static Cipher cipher(int mode, EncryptionKey key, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(
        mode, key.secretKey(), new GCMParameterSpec(BatchCipher.TAG_SIZE * Byte.SIZE, nonce));
    return cipher;
  }

  private static byte[] fingerprintBytes(EncryptionKey key) {
    return HexFormat.of().parseHex(key.fingerprint());
  }

  private static EncryptionException damaged(Path file, String problem) {
    return new EncryptionException(
        file + ": " + problem,
        "the key-check file is damaged; restore it from a backup of this directory, or, if you are sure"
            + " "
            + EncryptionKey.ENVIRONMENT_VARIABLE
            + " holds the right key, delete it and restart to recreate it");
  }
}
