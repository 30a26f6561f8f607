package io.flymq.storage.crypto;

import static io.flymq.storage.crypto.TestBatches.batch;
import static io.flymq.storage.crypto.TestBatches.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.flymq.record.BatchCheck;
import io.flymq.record.RecordBatch;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BatchCipherPropertiesTest {
  private static final EncryptionKey KEY = EncryptionKey.fromHex("5f".repeat(32));
  private final BatchCipher cipher = new BatchCipher(KEY);

  @Property(tries = 200)
  void shouldDecryptToOriginalBytesForAnyRecordsSection(
      @ForAll @Size(max = 4096) byte[] records,
      @ForAll long baseOffset,
      @ForAll @IntRange(min = 0, max = 0x7f) int attributes,
      @ForAll @IntRange(min = 1, max = 1000) int recordCount) {
    ByteBuffer plain = batch(baseOffset, (short) attributes, recordCount, records);
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(plain, 0));

    assertThat(RecordBatch.check(encrypted, 0, encrypted.limit(), Integer.MAX_VALUE))
        .isEqualTo(BatchCheck.OK);
    assertThat(RecordBatch.wrap(encrypted, 0).isEncrypted()).isTrue();
    assertThat(bytes(cipher.decrypt(RecordBatch.wrap(encrypted, 0)))).isEqualTo(bytes(plain));
  }

  @Property(tries = 200)
  void shouldNeverReturnPlaintextAfterAnyFlippedByteBehindTheLength(
      @ForAll @Size(min = 1, max = 512) byte[] records,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    ByteBuffer encrypted = cipher.encrypt(RecordBatch.wrap(batch(records), 0));
    // Bytes 16.. are magic, crc, attributes, the rest of the header, nonce, ciphertext and tag.
    int index =
        RecordBatch.MAGIC_OFFSET + position % (encrypted.limit() - RecordBatch.MAGIC_OFFSET);
    encrypted.put(index, (byte) (encrypted.get(index) ^ mask));
    RecordBatch tampered = RecordBatch.wrap(encrypted, 0);

    if (!tampered.isEncrypted()) {
      return; // the bit itself was cleared: the batch now reads as plaintext, which decrypt()
      // refuses as a caller error
    }
    assertThatExceptionOfType(EncryptionException.class).isThrownBy(() -> cipher.decrypt(tampered));
  }
}
