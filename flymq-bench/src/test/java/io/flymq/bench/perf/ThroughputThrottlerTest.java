package io.flymq.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputThrottlerTest {
  private final List<Long> sleeps = new ArrayList<>();

  @Test
  void shouldNeverThrottleWhenUnthrottled() {
    ThroughputThrottler throttler = new ThroughputThrottler(-1, 0, sleeps::add);
    assertThat(throttler.shouldThrottle(1_000_000, 1)).isFalse();
  }

  @Test
  void shouldThrottleOnlyWhileTheAverageRateIsAboveTheTarget() {
    ThroughputThrottler throttler = new ThroughputThrottler(1000, 10_000, sleeps::add);
    assertThat(throttler.shouldThrottle(5, 10_000)).as("no time elapsed yet").isFalse();
    assertThat(throttler.shouldThrottle(100, 10_100)).as("1000/s exactly").isFalse();
    assertThat(throttler.shouldThrottle(101, 10_100)).isTrue();
    assertThat(throttler.shouldThrottle(50, 10_100)).isFalse();
  }

  @Test
  void shouldSleepTheDeficitOnceItReachesTwoMilliseconds() {
    ThroughputThrottler throttler = new ThroughputThrottler(10_000, 0, sleeps::add);
    for (int i = 0; i < 19; i++) {
      throttler.throttle();
    }
    assertThat(sleeps).isEmpty();
    assertThat(throttler.sleepDeficitNs()).isEqualTo(1_900_000);
    throttler.throttle();
    assertThat(sleeps).containsExactly(2_000_000L);
    assertThat(throttler.sleepDeficitNs()).isZero();
  }

  @Test
  void shouldSleepEachIntervalWhenItIsLongerThanTwoMilliseconds() {
    ThroughputThrottler throttler = new ThroughputThrottler(100, 0, sleeps::add);
    throttler.throttle();
    throttler.throttle();
    assertThat(sleeps).containsExactly(10_000_000L, 10_000_000L);
  }

  @Test
  void shouldRejectAZeroTarget() {
    assertThatThrownBy(() -> new ThroughputThrottler(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: > 0, or -1");
  }
}
