package io.flymq.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The CLI's arrows (DESIGN, modules): it talks to brokers through the Java client's API only, never
 * the server, the storage engine, Netty or the client's internals; and its helper packages (format,
 * output, profile, connection, doctor) do not reach up into the commands.
 */
class CliArchitectureTest {
  private static final JavaClasses CLI =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.flymq.cli");

  @Test
  void shouldUseOnlyTheClientsApi() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.flymq.server..",
            "io.flymq.storage..",
            "io.flymq.bench..",
            "io.flymq.client.internal..",
            "io.netty..")
        .check(CLI);
  }

  @Test
  void shouldKeepHelperPackagesBelowTheCommands() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.flymq.cli.format..",
            "io.flymq.cli.output..",
            "io.flymq.cli.profile..",
            "io.flymq.cli.connection..",
            "io.flymq.cli.doctor..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.flymq.cli.command..", "io.flymq.cli")
        .check(CLI);
  }
}
