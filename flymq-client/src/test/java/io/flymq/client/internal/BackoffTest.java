package io.flymq.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void shouldStartAtTheInitialDelayAndDoubleItForEachRetry() {
    assertThat(backoff.delayMs(1, 0)).isEqualTo(100);
    assertThat(backoff.delayMs(2, 0)).isEqualTo(200);
    assertThat(backoff.delayMs(3, 0)).isEqualTo(400);
    assertThat(backoff.delayMs(4, 0)).isEqualTo(800);
  }

  @Test
  void shouldCapTheDelayAtTheMaximumBeforeJitter() {
    assertThat(backoff.delayMs(5, 0)).isEqualTo(1000);
    assertThat(backoff.delayMs(64, 0)).isEqualTo(1000);
    assertThat(backoff.delayMs(Integer.MAX_VALUE, 0)).isEqualTo(1000);
    assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).delayMs(1, 0))
        .isEqualTo(1000);
  }

  @Test
  void shouldNotOverflowWhenTheInitialDelayIsLarge() {
    Backoff days = new Backoff(Duration.ofDays(1), Duration.ofDays(7));

    assertThat(days.delayMs(Integer.MAX_VALUE, 0)).isEqualTo(Duration.ofDays(7).toMillis());
  }

  @Test
  void shouldAddUpToTwentyPercentOfTheDelayAsJitter() {
    assertThat(backoff.delayMs(1, 0.5)).isEqualTo(110);
    assertThat(backoff.delayMs(4, 0.5)).isEqualTo(880);
    assertThat(backoff.delayMs(9, Math.nextDown(1.0))).isEqualTo(1199);
  }

  @Test
  void shouldDrawEveryDelayWithinTheJitterRange() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(backoff.delayMs(2)).isBetween(200L, 239L);
      assertThat(backoff.delayMs(10)).isBetween(1000L, 1199L);
    }
  }

  @Test
  void shouldRejectAnAttemptBeforeTheFirstRetry() {
    assertThatThrownBy(() -> backoff.delayMs(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt: 0 (expected: >= 1)");
  }
}
