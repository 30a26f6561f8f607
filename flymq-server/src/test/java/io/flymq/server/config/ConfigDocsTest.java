package io.flymq.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
  @Test
  void shouldMatchTheCheckedInConfigurationPage() throws IOException {
    Path page = RepoRoot.find().resolve("docs/configuration.md");
    String generated = ConfigDocs.markdown();
    if (Boolean.getBoolean("flymq.docs.write")) {
      Files.writeString(page, generated);
    }
    assertThat(page).exists();
    assertThat(Files.readString(page))
        .as(
            "docs/configuration.md is stale: rerun this test with -Dflymq.docs.write=true and commit the page")
        .isEqualTo(generated);
  }

  @Test
  void shouldListEveryKeyWithItsEnvironmentVariableAndDefault() {
    String md = ConfigDocs.markdown();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertThat(md)
          .contains(
              "| `"
                  + key.name()
                  + "` | "
                  + key.envVar().map(e -> "`" + e + "`").orElse("-")
                  + " | `"
                  + key.defaultText()
                  + "` |");
    }
    assertThat(md).contains("```yaml", "```json", "defaults", "FLYMQ_ENCRYPTION_KEY");
  }
}
