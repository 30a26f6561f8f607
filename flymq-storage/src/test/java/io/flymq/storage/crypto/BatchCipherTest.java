package io.flymq.storage.crypto;

import static io.flymq.storage.crypto.TestBatches.batch;
import static io.flymq.storage.crypto.TestBatches.bytes;
import static io.flymq.storage.crypto.TestBatches.copy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.flymq.record.BatchCheck;
import io.flymq.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchCipherTest {
  private static final EncryptionKey KEY = EncryptionKey.fromBytes(filled(32, 1));
  private static final EncryptionKey OTHER_KEY = EncryptionKey.fromBytes(filled(32, 2));
  private static final byte[] RECORDS =
      "some records, compressed or not".getBytes(StandardCharsets.US_ASCII);

  private final BatchCipher cipher = new BatchCipher(KEY);

  @Test
  void shouldProduceValidV2BatchWithEncryptedBitLengthGrownBy28AndHeaderKept() {
    ByteBuffer plain = batch(RECORDS);
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(plain, 0));
    RecordBatch e = RecordBatch.wrap(encrypted, 0);

    assertThat(RecordBatch.check(encrypted, 0, encrypted.capacity(), Integer.MAX_VALUE))
        .isEqualTo(BatchCheck.OK);
    assertThat(e.isEncrypted()).isTrue();
    assertThat(e.sizeInBytes())
        .isEqualTo(plain.capacity() + BatchCipher.OVERHEAD)
        .isEqualTo(encrypted.limit());
    assertThat(BatchCipher.encryptedSize(plain.capacity())).isEqualTo(e.sizeInBytes());
    assertThat(BatchCipher.decryptedSize(e)).isEqualTo(plain.capacity());
    assertThat(e.recordCount()).isEqualTo(3);
    assertThat(e.producerId()).isEqualTo(4242L);
    assertThat(e.partitionLeaderEpoch()).isEqualTo(7);
    assertThat(new String(bytes(e.recordsSection()), StandardCharsets.ISO_8859_1))
        .doesNotContain("records");
  }

  @Test
  void shouldDecryptToTheOriginalBytes() {
    ByteBuffer plain = batch(42L, (short) 0x13, 5, RECORDS);
    ByteBuffer decrypted =
        cipher.decrypt(RecordBatch.wrap(cipher.encrypt(RecordBatch.wrap(plain, 0)), 0));
    assertThat(bytes(decrypted)).isEqualTo(bytes(plain));
    assertThat(RecordBatch.wrap(decrypted, 0).isEncrypted()).isFalse();
  }

  @Test
  void shouldRoundTripEmptyRecordsSection() {
    ByteBuffer plain = batch(0L, (short) 0, 0, new byte[0]);
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(plain, 0));
    assertThat(encrypted.capacity()).isEqualTo(RecordBatch.HEADER_SIZE + BatchCipher.OVERHEAD);
    assertThat(bytes(cipher.decrypt(RecordBatch.wrap(encrypted, 0)))).isEqualTo(bytes(plain));
  }

  @Test
  void shouldReadBatchAtAnyStartWithoutTouchingTheSourceBuffer() {
    ByteBuffer plain = batch(RECORDS);
    ByteBuffer framed = ByteBuffer.allocate(plain.capacity() + 20);
    framed.put(9, plain, 0, plain.capacity());
    byte[] before = bytes(framed);

    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(framed, 9));
    assertThat(bytes(framed)).isEqualTo(before);
    assertThat(bytes(cipher.decrypt(RecordBatch.wrap(encrypted, 0)))).isEqualTo(bytes(plain));
  }

  @Test
  void shouldUseFreshNonceForEveryEncryption() {
    ByteBuffer plain = batch(RECORDS);
    ByteBuffer first = cipher.encrypt(RecordBatch.wrap(plain, 0));
    ByteBuffer second = cipher.encrypt(RecordBatch.wrap(plain, 0));
    assertThat(first.slice(RecordBatch.RECORDS_OFFSET, BatchCipher.NONCE_SIZE))
        .isNotEqualTo(second.slice(RecordBatch.RECORDS_OFFSET, BatchCipher.NONCE_SIZE));
    assertThat(bytes(first)).isNotEqualTo(bytes(second));
  }

  @Test
  void shouldStillDecryptAfterLogRewritesOffsetEpochAndMaxTimestamp() {
    ByteBuffer plain = batch(RECORDS);
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(plain, 0));
    RecordBatch e = RecordBatch.wrap(encrypted, 0);
    e.setBaseOffset(1_000_000L);
    e.setPartitionLeaderEpoch(12);
    encrypted.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, 1_800_000_000_000L);
    e.updateCrc();

    RecordBatch decrypted = RecordBatch.wrap(cipher.decrypt(e), 0);
    assertThat(decrypted.baseOffset()).isEqualTo(1_000_000L);
    assertThat(decrypted.partitionLeaderEpoch()).isEqualTo(12);
    assertThat(decrypted.maxTimestamp()).isEqualTo(1_800_000_000_000L);
    assertThat(decrypted.isCrcValid()).isTrue();
    assertThat(bytes(decrypted.recordsSection())).isEqualTo(RECORDS);
  }

  @Test
  void shouldFailWithHintWhenDecryptingWithAnotherKey() {
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(batch(RECORDS), 0));
    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> new BatchCipher(OTHER_KEY).decrypt(RecordBatch.wrap(encrypted, 0)))
        .withMessageContaining("authentication failed")
        .withMessageContaining(OTHER_KEY.fingerprint())
        .satisfies(
            ex -> assertThat(ex.hint()).contains("written with another FLYMQ_ENCRYPTION_KEY"));
  }

  /** Indexes into the encrypted batch: nonce, first and last ciphertext byte, tag. */
  @ParameterizedTest
  @ValueSource(ints = {61, 72, 73, 103, 104, 119})
  void shouldRejectFlippedNonceCiphertextOrTagByteEvenUnderValidCrc(int index) {
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(batch(RECORDS), 0));
    assertThat(encrypted.capacity()).isEqualTo(61 + 12 + RECORDS.length + 16);
    flipAndFixCrc(encrypted, index);
    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> cipher.decrypt(RecordBatch.wrap(encrypted, 0)))
        .withMessageContaining("authentication failed");
  }

  /**
   * Authenticated header fields: attributes (low byte), lastOffsetDelta, baseTimestamp, producerId,
   * producerEpoch, baseSequence, recordCount.
   */
  @ParameterizedTest
  @ValueSource(ints = {22, 26, 34, 50, 52, 56, 60})
  void shouldRejectChangedAuthenticatedHeaderFieldEvenUnderValidCrc(int index) {
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(batch(RECORDS), 0));
    flipAndFixCrc(encrypted, index);
    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> cipher.decrypt(RecordBatch.wrap(encrypted, 0)))
        .withMessageContaining("authentication failed");
  }

  @Test
  void shouldRejectCorruptionThatBreaksTheCrcBeforeDecrypting() {
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(batch(RECORDS), 0));
    // maxTimestamp is outside the AAD: only the CRC stands between a flipped bit and a wrong value.
    encrypted.put(40, (byte) (encrypted.get(40) ^ 1));
    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> cipher.decrypt(RecordBatch.wrap(encrypted, 0)))
        .withMessageContaining("crc")
        .satisfies(ex -> assertThat(ex.hint()).contains("recovery"));
  }

  @Test
  void shouldRejectTruncatedEncryptedBatch() {
    ByteBuffer encrypted = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + 10);
    encrypted.put(0, batch(new byte[10]), 0, encrypted.capacity());
    encrypted.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) RecordBatch.ENCRYPTED_MASK);
    RecordBatch.wrap(encrypted, 0).updateCrc();
    assertThatExceptionOfType(EncryptionException.class)
        .isThrownBy(() -> cipher.decrypt(RecordBatch.wrap(encrypted, 0)))
        .withMessageContaining("size 71 (expected: >= 89)");
  }

  @Test
  void shouldRefuseToEncryptTwiceOrDecryptPlaintext() {
    ByteBuffer plain = batch(RECORDS);
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(plain, 0));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.encrypt(RecordBatch.wrap(encrypted, 0)))
        .withMessageContaining("already encrypted");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.decrypt(RecordBatch.wrap(plain, 0)))
        .withMessageContaining("not encrypted");
  }

  @Test
  void shouldRefuseToEncryptBatchWithBadCrc() {
    ByteBuffer plain = copy(batch(RECORDS));
    plain.put(RecordBatch.RECORDS_OFFSET, (byte) 'X');
    assertThatIllegalArgumentException()
        .isThrownBy(() -> cipher.encrypt(RecordBatch.wrap(plain, 0)))
        .withMessageContaining("validate batches before encrypting");
  }

  @Test
  void shouldNotRevealKeyInToString() {
    assertThat(cipher.toString())
        .isEqualTo("BatchCipher(EncryptionKey(fingerprint=" + KEY.fingerprint() + "))");
  }

  @Test
  void shouldRoundTripLargeRandomBatch() {
    byte[] records = new byte[1 << 20];
    new Random(7).nextBytes(records);
    ByteBuffer plain = batch(records);
    assertThat(
            bytes(cipher.decrypt(RecordBatch.wrap(cipher.encrypt(RecordBatch.wrap(plain, 0)), 0))))
        .isEqualTo(bytes(plain));
  }

  private static void flipAndFixCrc(ByteBuffer batch, int index) {
    batch.put(index, (byte) (batch.get(index) ^ 0x01));
    // Recomputing the CRC models deliberate tampering: only GCM can catch it.
    RecordBatch.wrap(batch, 0).updateCrc();
  }

  private static byte[] filled(int size, int value) {
    byte[] bytes = new byte[size];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
