package io.flymq.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ClosestMatchTest {
  @Property
  void distanceShouldBeZeroOnlyForEqualStringsAndSymmetric(
      @ForAll @StringLength(max = 12) String a, @ForAll @StringLength(max = 12) String b) {
    assertThat(ClosestMatch.distance(a, b)).isEqualTo(ClosestMatch.distance(b, a));
    assertThat(ClosestMatch.distance(a, b) == 0).isEqualTo(a.equals(b));
    assertThat(ClosestMatch.distance(a, b))
        .isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
  }

  @Property
  void shouldSuggestAKeyAfterOneTypo(
      @ForAll @IntRange(min = 0, max = 200) int keyIndex,
      @ForAll @IntRange(min = 0, max = 50) int position) {
    List<String> names = ConfigLoader.KEY_NAMES;
    String name = names.get(keyIndex % names.size());
    int at = position % name.length();
    String typo = name.substring(0, at) + name.substring(at + 1); // one deleted character

    String suggestion = ClosestMatch.closest(typo, names).orElseThrow();
    assertThat(ClosestMatch.distance(typo, suggestion)).isLessThanOrEqualTo(1);
  }

  @Test
  void shouldNotSuggestForUnrelatedNames() {
    assertThat(ClosestMatch.closest("zookeeper_connect", ConfigLoader.KEY_NAMES)).isEmpty();
    assertThat(ClosestMatch.hint("zookeeper_connect", ConfigLoader.KEY_NAMES))
        .contains("docs/configuration.md");
    assertThat(ClosestMatch.closest("tls.cert", ConfigLoader.KEY_NAMES)).contains("tls.cert_file");
  }
}
