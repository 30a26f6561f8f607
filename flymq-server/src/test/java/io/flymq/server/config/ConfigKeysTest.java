package io.flymq.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
  /** | `key` | `ENV` or - | default text | */
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*(`([^`]+)`|-)\\s*\\|\\s*(.*?)\\s*\\|\\s*$");

  private record SpecRow(String key, String env, String defaultCell) {}

  private static Map<String, SpecRow> spec() throws IOException {
    Path file = RepoRoot.find().getParent().resolve("shared/protocol/CONFIG-KEYS.md");
    assumeThat(file).as("shared/protocol/CONFIG-KEYS.md next to the repository").exists();
    Map<String, SpecRow> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), new SpecRow(m.group(1), m.group(3), m.group(4)));
      }
    }
    return rows;
  }

  @Test
  void shouldDefineEveryKeyOfTheSpecWithItsEnvironmentVariable() throws IOException {
    Map<String, SpecRow> spec = spec();
    assertThat(spec).hasSizeGreaterThan(90);
    for (SpecRow row : spec.values()) {
      ConfigKey<?> key = ConfigKeys.byName(row.key()).orElse(null);
      assertThat(key).as(row.key()).isNotNull();
      assertThat(key.envVar().orElse(null))
          .as(row.key() + " environment variable")
          .isEqualTo(row.env());
    }
  }

  @Test
  void shouldMarkExactlyTheKeysMissingFromTheSpecAsJvmOnly() throws IOException {
    Map<String, SpecRow> spec = spec();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertThat(key.isJvmOnly())
          .as(key.name() + " is FlyMQ-JVM's own")
          .isEqualTo(!spec.containsKey(key.name()));
    }
  }

  @Test
  void shouldUseTheSpecDefaultsExceptAutomaticOnes() throws IOException {
    int compared = 0;
    for (SpecRow row : spec().values()) {
      if (row.defaultCell().contains("auto")) {
        continue; // auto-detected / auto-tuned: decided at run time, not a fixed value
      }
      Matcher literal = Pattern.compile("`([^`]*)`").matcher(row.defaultCell());
      assertThat(literal.find()).as(row.key() + " default cell " + row.defaultCell()).isTrue();
      String expected = literal.group(1);
      ConfigKey<?> key = ConfigKeys.byName(row.key()).orElseThrow();
      assertThat(key.defaultText()).as(row.key() + " default").isEqualTo(expected);
      if (!expected.startsWith("<")) { // <data_dir>/audit is a rule, not a value
        String text = expected.equals("\"\"") ? "" : expected;
        assertThat((Object) key.parse(text))
            .as(row.key() + " parsed default")
            .isEqualTo(key.defaultValue());
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(85);
  }

  @Test
  void shouldNameEachConstantAfterItsKey() throws IllegalAccessException {
    for (Field field : ConfigKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigKey.class) {
        ConfigKey<?> key = (ConfigKey<?>) field.get(null);
        assertThat(field.getName()).isEqualTo(key.constantName());
      }
    }
  }

  @Test
  void shouldDocumentEveryKey() {
    List<ConfigKey<?>> all = ConfigKeys.all();
    assertThat(all).hasSizeGreaterThan(95);
    for (ConfigKey<?> key : all) {
      assertThat(key.doc()).as(key.name()).isNotBlank().endsWith(".");
      assertThat(key.type().expected()).as(key.name()).isNotBlank();
    }
  }

  @Test
  void shouldDefineTheJvmOnlyKeysWithTheirDefaults() {
    assertThat(ConfigKeys.STORAGE_SYNC.defaultText()).isEqualTo("from performance.acks");
    assertThat(ConfigKeys.AUTO_CREATE_TOPICS.defaultValue()).isTrue();
    assertThat(ConfigKeys.MAX_FRAME_BYTES.defaultValue()).isEqualTo(32 * 1024 * 1024);
    assertThat(ConfigKeys.PROTOCOL_V1_DIALECT.defaultValue()).isEqualTo(V1Dialect.AUTO);
    assertThat(ConfigKeys.PROTOCOL_V1_SUBSCRIBE_PREFERS_COMMIT.defaultValue()).isFalse();
    assertThat(ConfigKeys.byEnvVar("FLYMQ_STORAGE_SYNC")).contains(ConfigKeys.STORAGE_SYNC);
  }
}
