package io.flymq.cli.command;

import io.flymq.cli.connection.ConnectionOptions;
import io.flymq.cli.connection.ConnectionSettings;
import io.flymq.cli.doctor.Doctor;
import io.flymq.cli.doctor.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code doctor}: explains in plain words what stands between the CLI and the broker. */
@Command(
    name = "doctor",
    description = {
      "Explain what is wrong with the connection, each problem with a fix.",
      "Checks: address, reachability, TLS mismatch, authentication, metadata, clock skew (via a",
      "temporary topic). Exit 1 if any check fails."
    },
    footerHeading = "%nExample:%n",
    footer = "  flymq-cli doctor -a broker-1:9092 --tls-ca ca.pem")
final class DoctorCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;
  @Mixin OutputOption output;

  DoctorCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Integer call() {
    ConnectionSettings settings = connection();
    List<Finding> findings = new Doctor(settings, settings.clientProperties()).run();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Finding finding : findings) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("check", finding.check());
      row.put("status", finding.status().name().toLowerCase(Locale.ROOT));
      row.put("detail", finding.detail());
      row.put("fix", finding.fix().isEmpty() ? null : finding.fix());
      rows.add(row);
    }
    output.printer(ctx.out()).rows(List.of("check", "status", "detail", "fix"), rows);
    return Doctor.failed(findings) ? 1 : 0;
  }
}
