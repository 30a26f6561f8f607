package io.flymq.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The client's arrows (DESIGN, modules): it uses the protocol and the record format, never the
 * server, the storage engine or Netty; and its API packages do not lean on each other's internals
 * beyond {@code internal}.
 */
class ClientArchitectureTest {
  private static final JavaClasses CLIENT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.flymq.client");

  @Test
  void shouldNeverImportTheServerOrStorage() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.flymq.server..",
            "io.flymq.storage..",
            "io.flymq.bench..",
            "io.flymq.cli..",
            "io.netty..")
        .check(CLIENT);
  }

  @Test
  void shouldKeepSerializersFreeOfTheNetwork() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.client.serde..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.flymq.client.internal..", "io.flymq.protocol..")
        .check(CLIENT);
  }
}
