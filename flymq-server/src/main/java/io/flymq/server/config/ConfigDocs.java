package io.flymq.server.config;

import io.flymq.storage.crypto.EncryptionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates {@code docs/configuration.md} from the key definitions (STYLE 6), so that the page
 * cannot drift from the code: {@code ConfigDocsTest} fails when the checked-in page differs from
 * {@link #markdown()}. Regenerate with {@code java ... io.flymq.server.config.ConfigDocs
 * docs/configuration.md}, or run that test with {@code -Dflymq.docs.write=true}.
 *
 * <p>Thread-safe: stateless.
 */
public final class ConfigDocs {
  private ConfigDocs() {}

  /** Writes the page to {@code args[0]} (default {@code docs/configuration.md}). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
    Files.writeString(target, markdown());
  }

  /** The whole page. */
  public static String markdown() {
    StringBuilder md =
        new StringBuilder()
            .append(
                "<!-- Generated from io.flymq.server.config.ConfigKeys by ConfigDocs; do not edit by hand.\n")
            .append(
                "     ConfigDocsTest fails when this page is stale; regenerate with -Dflymq.docs.write=true. -->\n")
            .append("# Configuration\n\n")
            .append(
                "The broker reads one typed configuration (`io.flymq.server.config.ServerConfig`) from four\n")
            .append("sources; a later source wins over an earlier one:\n\n")
            .append("1. built-in defaults (below)\n")
            .append(
                "2. a file named with `-config FILE`: YAML (`.yaml`, `.yml`) or JSON (`.json`; a file with another\n")
            .append(
                "   extension is read as JSON when it starts with `{`, else as YAML). Nested objects are dotted\n")
            .append(
                "   keys: `tls: {enabled: true}` sets `tls.enabled`; a dotted name in the file works too\n")
            .append("3. `FLYMQ_*` environment variables\n")
            .append("4. command-line flags\n\n")
            .append(
                "The keys, variables and defaults are those of the public FlyMQ 1.26 server, so its files and\n")
            .append(
                "environments work unchanged; keys marked *(FlyMQ-JVM)* are this broker's own.\n\n")
            .append(
                "Every problem is reported at once, one line each, as `key: value (expected: ...) [source]`, and\n")
            .append(
                "the broker does not start. Unknown keys in the file, unknown flags, and unknown `FLYMQ_*`\n")
            .append(
                "variables that look like configuration (same first word as a known variable, or two edits from\n")
            .append(
                "one) are errors with a \"did you mean\" hint; other `FLYMQ_*` variables are left to the scripts\n")
            .append("that use them.\n\n")
            .append(
                "Durations and sizes are plain numbers in the key's unit (ms, s, days, bytes). Addresses are\n")
            .append(
                "`host:port`, `[ipv6]:port` or `:port` (every interface); port 0 picks a free port.\n\n")
            .append("## Encryption key\n\n")
            .append("The encryption-at-rest key is read from `")
            .append(EncryptionKey.ENVIRONMENT_VARIABLE)
            .append("` only: 64 hex digits (32 bytes),\n")
            .append(
                "e.g. from `openssl rand -hex 32`. A key in a configuration file (`encryption.key` or similar) is an\n")
            .append(
                "error, because files end up in backups and version control. Setting the variable turns\n")
            .append(
                "encryption on unless `encryption.enabled` is explicitly `false`; `encryption.enabled: true`\n")
            .append("without the variable is an error.\n\n")
            .append("## Durability: `performance.acks` and `storage.sync`\n\n")
            .append("| `performance.acks` | acknowledged | storage sync mode it implies |\n")
            .append("|---|---|---|\n")
            .append("| `all` | after an fsync covering the records | `always` |\n")
            .append(
                "| `leader` (default) | after the leader's write | `interval`: fsync every `performance.sync_interval_ms` |\n")
            .append("| `none` | without waiting | `never`: page cache only, rely on replicas |\n\n")
            .append(
                "An explicit `storage.sync` (file, `FLYMQ_STORAGE_SYNC` or override) wins over the mode acks implies.\n")
            .append("`retention_ms`/`retention_bytes` of 0 or -1 mean no limit.\n\n")
            .append("## Command-line flags\n\n")
            .append("| flag | effect |\n|---|---|\n")
            .append("| `-config FILE` | read the configuration file |\n")
            .append(
                "| `-human-readable` | text log lines instead of JSON: sets `log_json=false` |\n")
            .append("| `-quiet` | warnings and errors only: sets `log_level=warn` |\n")
            .append("| `-version` | print the version and exit |\n")
            .append("| `-help` | print usage, an example and the main keys, and exit |\n\n")
            .append(
                "Flags take one or two dashes (`--config`), `-config=FILE` works, and boolean flags accept\n")
            .append(
                "`=true`/`=false`. An unknown flag prints a one-line hint and exits with status 2.\n\n")
            .append("## Examples\n\n")
            .append("YAML (`flymq.yaml`):\n\n```yaml\n")
            .append("bind_addr: \":9092\"\ndata_dir: /var/lib/flymq\nlog_level: info\n")
            .append(
                "tls:\n  enabled: true\n  cert_file: /etc/flymq/server.crt\n  key_file: /etc/flymq/server.key\n")
            .append(
                "cluster:\n  enabled: true\n  node_id: node-1\n  peers: [\"node-2:9093\", \"node-3:9093\"]\n")
            .append("performance:\n  acks: all\n```\n\n")
            .append("JSON (`flymq.json`):\n\n```json\n")
            .append("{\n  \"bind_addr\": \":9092\",\n  \"data_dir\": \"/var/lib/flymq\",\n")
            .append("  \"observability\": {\"metrics\": {\"addr\": \":9094\"}},\n")
            .append("  \"storage\": {\"sync\": \"always\"}\n}\n```\n\n")
            .append("Environment and flags:\n\n```sh\n")
            .append(
                "FLYMQ_BIND_ADDR=:19092 FLYMQ_ACKS=all FLYMQ_ENCRYPTION_KEY=$(cat /run/secrets/flymq-key) \\\n")
            .append("  flymq -config flymq.yaml -human-readable\n```\n\n")
            .append("## Keys\n");
    for (Map.Entry<String, List<ConfigKey<?>>> section : sections().entrySet()) {
      md.append("\n### ")
          .append(section.getKey())
          .append("\n\n")
          .append("| key | environment | default | unit | allowed | meaning |\n")
          .append("|---|---|---|---|---|---|\n");
      for (ConfigKey<?> key : section.getValue()) {
        md.append("| `")
            .append(key.name())
            .append("` | ")
            .append(key.envVar().map(e -> "`" + e + "`").orElse("-"))
            .append(" | `")
            .append(key.defaultText())
            .append("` | ")
            .append(key.unit())
            .append(" | ")
            .append(escape(key.type().expected()))
            .append(" | ")
            .append(escape(key.doc()))
            .append(key.isJvmOnly() ? " *(FlyMQ-JVM)*" : "")
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static Map<String, List<ConfigKey<?>>> sections() {
    Map<String, List<ConfigKey<?>>> sections = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      int dot = key.name().indexOf('.');
      String section = dot < 0 ? "core" : key.name().substring(0, dot);
      sections.computeIfAbsent(section, s -> new ArrayList<>()).add(key);
    }
    return sections;
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }
}
