package io.flymq.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCheckTest {
  private static final EncryptionKey KEY = EncryptionKey.fromHex("a1".repeat(32));
  private static final EncryptionKey OTHER_KEY = EncryptionKey.fromHex("b2".repeat(32));

  @TempDir Path dataDir;

  @Test
  void shouldCreateCheckFileOnFirstOpenWithoutLeavingTempFile() throws IOException {
    assertThat(KeyCheck.isEncrypted(dataDir)).isFalse();

    KeyCheck.verifyOrCreate(dataDir, KEY);

    assertThat(KeyCheck.isEncrypted(dataDir)).isTrue();
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("encryption.check");
    }
    byte[] file = Files.readAllBytes(dataDir.resolve(KeyCheck.FILE_NAME));
    assertThat(file).hasSize(65);
    assertThat(file[0]).isEqualTo(KeyCheck.VERSION);
  }

  @Test
  void shouldAcceptSameKeyOnReopenWithoutRewritingTheFile() throws IOException {
    KeyCheck.verifyOrCreate(dataDir, KEY);
    byte[] created = Files.readAllBytes(dataDir.resolve(KeyCheck.FILE_NAME));

    assertThatCode(() -> KeyCheck.verifyOrCreate(dataDir, EncryptionKey.fromHex("A1".repeat(32))))
        .doesNotThrowAnyException();
    assertThat(Files.readAllBytes(dataDir.resolve(KeyCheck.FILE_NAME))).isEqualTo(created);
  }

  @Test
  void shouldRejectAnotherKeyNamingDirectoryAndBothFingerprints() throws IOException {
    KeyCheck.verifyOrCreate(dataDir, KEY);

    assertThatExceptionOfType(EncryptionKeyMismatchException.class)
        .isThrownBy(() -> KeyCheck.verifyOrCreate(dataDir, OTHER_KEY))
        .withMessageContaining(dataDir.toString())
        .withMessageContaining(OTHER_KEY.fingerprint())
        .withMessageContaining(KEY.fingerprint())
        .withMessageNotContaining("a1a1a1a1")
        .withMessageNotContaining("b2b2b2b2")
        .satisfies(
            e -> {
              assertThat(e.dataDir()).isEqualTo(dataDir);
              assertThat(e.suppliedFingerprint()).isEqualTo(OTHER_KEY.fingerprint());
              assertThat(e.createdWithFingerprint()).isEqualTo(KEY.fingerprint());
              assertThat(e.hint()).contains("FLYMQ_ENCRYPTION_KEY").contains("created with");
            });
  }

  @Test
  void shouldReportDamagedFileWhenCiphertextChanged() throws IOException {
    KeyCheck.verifyOrCreate(dataDir, KEY);
    Path file = dataDir.resolve(KeyCheck.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    bytes[30] ^= 0x40;
    Files.write(file, bytes);

    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> KeyCheck.verifyOrCreate(dataDir, KEY))
        .isNotInstanceOf(EncryptionKeyMismatchException.class)
        .withMessageContaining("authentication failed")
        .satisfies(e -> assertThat(e.hint()).contains("damaged"));
  }

  @Test
  void shouldReportDamagedFileWhenTruncated() throws IOException {
    KeyCheck.verifyOrCreate(dataDir, KEY);
    Path file = dataDir.resolve(KeyCheck.FILE_NAME);
    Files.write(file, new byte[] {1, 2, 3});

    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> KeyCheck.verifyOrCreate(dataDir, KEY))
        .withMessageContaining("size 3 bytes (expected: 65)");
  }

  @Test
  void shouldRejectUnknownVersion() throws IOException {
    KeyCheck.verifyOrCreate(dataDir, KEY);
    Path file = dataDir.resolve(KeyCheck.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] = 9;
    Files.write(file, bytes);

    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> KeyCheck.verifyOrCreate(dataDir, KEY))
        .withMessageContaining("version 9 (expected: 1)");
  }

  @Test
  void shouldReplaceLeftoverTempFileFromCrashedCreate() throws IOException {
    Files.write(dataDir.resolve(KeyCheck.FILE_NAME + ".tmp"), new byte[500]);

    KeyCheck.verifyOrCreate(dataDir, KEY);

    assertThat(dataDir.resolve(KeyCheck.FILE_NAME + ".tmp")).doesNotExist();
    assertThatCode(() -> KeyCheck.verifyOrCreate(dataDir, KEY)).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectMissingDirectory() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> KeyCheck.verifyOrCreate(dataDir.resolve("nope"), KEY))
        .withMessageContaining("expected: an existing directory");
  }

  @Test
  void shouldAllowStartWithoutKeyOnUnencryptedDirectory() {
    assertThatCode(() -> KeyCheck.verifyUnencrypted(dataDir)).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseStartWithoutKeyOnEncryptedDirectory() throws IOException {
    KeyCheck.verifyOrCreate(dataDir, KEY);

    assertThatExceptionOfType(EncryptionKeyMissingException.class)
        .isThrownBy(() -> KeyCheck.verifyUnencrypted(dataDir))
        .withMessageContaining(dataDir.toString())
        .withMessageContaining("no encryption key was given")
        .satisfies(e -> assertThat(e.hint()).contains("FLYMQ_ENCRYPTION_KEY"));
  }
}
