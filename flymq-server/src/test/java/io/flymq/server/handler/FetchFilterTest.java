package io.flymq.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FetchFilterTest {
  private static ByteBuffer utf8(String text) {
    return text == null ? null : ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean matches(String filter, String key, String value) {
    return FetchFilter.of(filter).matches(utf8(key), utf8(value));
  }

  @Test
  void shouldMatchEverythingWithoutAFilter() {
    assertThat(matches("", null, null)).isTrue();
    assertThat(FetchFilter.of("").isNone()).isTrue();
  }

  @Test
  void shouldMatchAJsonPathOnlyWhenTheKeysExistInObjects() {
    assertThat(matches("$.a.b", null, "{\"a\":{\"b\":null}}")).isTrue();
    assertThat(matches("$.a.b", null, "{\"a\":{\"c\":1}}")).isFalse();
    assertThat(matches("$.a.b", null, "{\"a\":[{\"b\":1}]}")).isFalse();
    assertThat(matches("$.a", null, " {\"a\":1}")).isFalse();
    assertThat(matches("$.a", null, "{not json")).isFalse();
  }

  @Test
  void shouldFallBackToCaseInsensitiveSubstringForAJsonPathText() {
    assertThat(matches("$.a", null, "price in $.A units")).isTrue();
  }

  @Test
  void shouldMatchSubstringsInKeyOrValueIgnoringCase() {
    assertThat(matches("ErRoR", null, "an error")).isTrue();
    assertThat(matches("vip", "VIP-customer", "x")).isTrue();
    assertThat(matches("vip", null, null)).isFalse();
  }

  @Test
  void shouldMatchRegularExpressionsAndTreatInvalidOnesAsText() {
    assertThat(matches("^id-[0-9]{3}$", "id-042", "x")).isTrue();
    assertThat(matches("^id-[0-9]{3}$", "id-42", "x")).isFalse();
    assertThat(matches("a(b", null, "xa(by")).isTrue();
    assertThat(matches("a(b", null, "ab")).isFalse();
  }

  @Test
  void shouldStayLinearOnAPatternThatBacktrackingEnginesExplodeOn() {
    String input = "a".repeat(5_000) + "!";

    assertThat(matches("^(a+)+$", null, input)).isFalse();
  }
}
