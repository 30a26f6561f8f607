package io.flymq.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Property
  void shouldReadBackWhatItWrites(
      @ForAll @AlphaChars @StringLength(max = 20) String host,
      @ForAll @IntRange(min = 0, max = 65_535) int port) {
    ListenAddress address = new ListenAddress(host, port);

    assertThat(ListenAddress.parse(address.toString())).isEqualTo(address);
  }

  @Test
  void shouldParseAllInterfacesHostAndIpv6Forms() {
    assertThat(ListenAddress.parse(":9092")).isEqualTo(new ListenAddress("", 9092));
    assertThat(ListenAddress.parse("broker-1:9093")).isEqualTo(new ListenAddress("broker-1", 9093));
    assertThat(ListenAddress.parse("[::1]:9092")).isEqualTo(new ListenAddress("::1", 9092));
    assertThat(ListenAddress.parse("[::1]:9092").toString()).isEqualTo("[::1]:9092");
  }

  @Test
  void shouldRejectBadPortsAndShapes() {
    for (String bad :
        new String[] {"9092", ":65536", ":-1", "host:", "host:http", "::1:9092", ""}) {
      assertThatThrownBy(() -> ListenAddress.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("address: " + bad + " (expected: host:port or :port with port 0-65535)");
    }
  }
}
