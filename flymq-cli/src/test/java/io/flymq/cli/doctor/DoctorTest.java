package io.flymq.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.flymq.cli.doctor.Finding.Status;
import org.junit.jupiter.api.Test;

class DoctorTest {
  @Test
  void shouldAcceptClocksWithinASecondPlusHalfTheRoundTrip() {
    assertThat(Doctor.judgeClock(10_900, 10_000, 10_200).status()).isEqualTo(Status.OK);
    assertThat(Doctor.judgeClock(9_000, 10_000, 10_200).status()).isEqualTo(Status.OK);
  }

  @Test
  void shouldWarnAboutSkewWithWhichWayAndAFix() {
    Finding ahead = Doctor.judgeClock(15_100, 10_000, 10_200);
    assertThat(ahead.status()).isEqualTo(Status.WARN);
    assertThat(ahead.detail()).isEqualTo("the broker's clock is 5000 ms ahead of this machine's");
    assertThat(ahead.fix()).contains("NTP");

    assertThat(Doctor.judgeClock(5_100, 10_000, 10_200).detail()).contains("5000 ms behind");
  }

  @Test
  void shouldSkipWhenTheBrokerStampsNoTime() {
    assertThat(Doctor.judgeClock(0, 10_000, 10_200).status()).isEqualTo(Status.SKIP);
  }
}
