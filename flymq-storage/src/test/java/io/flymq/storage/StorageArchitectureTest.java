package io.flymq.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency arrows of DESIGN.md for flymq-storage: storage knows nothing of the network, the
 * protocol, the client or the server, and encryption does not reach up into the log.
 */
class StorageArchitectureTest {
  private static final JavaClasses STORAGE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.flymq.storage");

  @Test
  void shouldNotDependOnTheNetworkOrOtherModules() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "io.flymq.server..",
            "io.flymq.client..",
            "io.flymq.protocol..",
            "io.flymq.cli..",
            "io.flymq.bench..")
        .check(STORAGE);
  }

  @Test
  void shouldKeepEncryptionIndependentOfTheLog() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.storage.crypto..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.flymq.storage.log..")
        .check(STORAGE);
  }
}
