package io.flymq.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionKeyTest {
  private static final String HEX =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @Test
  void shouldParse64HexDigitsInEitherCase() {
    assertThat(EncryptionKey.fromHex(HEX.toUpperCase()).fingerprint())
        .isEqualTo(EncryptionKey.fromHex(HEX).fingerprint());
  }

  @Test
  void shouldFingerprintAsFirst8HexDigitsOfSha256OfTheKeyBytes() {
    // sha256 of 32 zero bytes = 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
    assertThat(EncryptionKey.fromBytes(new byte[32]).fingerprint()).isEqualTo("66687aad");
  }

  @Test
  void shouldRejectWrongLengthNamingLengthAndExpectationButNotTheValue() {
    String shortKey = HEX.substring(0, 62);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.fromHex(shortKey))
        .withMessageContaining("62 characters")
        .withMessageContaining("expected: 64 hex digits")
        .withMessageNotContaining(shortKey.substring(0, 16));
  }

  @Test
  void shouldRejectNonHexCharacterNamingItsIndexOnly() {
    String bad = HEX.substring(0, 10) + "zq" + HEX.substring(12);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.fromHex(bad))
        .withMessageContaining("index 10")
        .withMessageNotContaining("z")
        .withMessageNotContaining(HEX.substring(0, 10));
  }

  @Test
  void shouldRejectRawKeyOfWrongSize() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.fromBytes(new byte[16]))
        .withMessage("encryption key: 16 bytes (expected: 32)");
  }

  @Test
  void shouldNotRevealKeyInToString() {
    EncryptionKey key = EncryptionKey.fromHex(HEX);
    assertThat(key.toString())
        .isEqualTo("EncryptionKey(fingerprint=" + key.fingerprint() + ")")
        .doesNotContain(HEX.substring(0, 8))
        .doesNotContain("33445566");
  }

  @Test
  void shouldReadKeyFromEnvironmentIgnoringSurroundingWhitespace() {
    assertThat(EncryptionKey.fromEnvironment(Map.of("FLYMQ_ENCRYPTION_KEY", " " + HEX + "\n")))
        .hasValueSatisfying(
            key ->
                assertThat(key.fingerprint()).isEqualTo(EncryptionKey.fromHex(HEX).fingerprint()));
  }

  @Test
  void shouldReturnEmptyWhenEnvironmentHasNoKey() {
    assertThat(EncryptionKey.fromEnvironment(Map.of("PATH", "/bin"))).isEmpty();
  }

  @Test
  void shouldRejectEmptyOrMalformedEnvironmentKeyNamingTheVariableWithHint() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EncryptionKey.fromEnvironment(Map.of("FLYMQ_ENCRYPTION_KEY", "")))
        .withMessageStartingWith("FLYMQ_ENCRYPTION_KEY: encryption key: 0 characters")
        .withMessageContaining("unset the variable");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                EncryptionKey.fromEnvironment(Map.of("FLYMQ_ENCRYPTION_KEY", "secret-passphrase")))
        .withMessageNotContaining("secret");
  }
}
