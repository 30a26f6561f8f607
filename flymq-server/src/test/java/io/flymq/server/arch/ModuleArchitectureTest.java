package io.flymq.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.flymq.protocol.KeyPartitioning;
import org.junit.jupiter.api.Test;

/**
 * The dependency arrows of DESIGN.md between modules and inside the server: the protocol knows
 * nothing of the server or storage; the server's packages talk in one direction (network -> handler
 * -> log/metadata), and nothing below the network touches Netty.
 */
class ModuleArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.flymq");

  @Test
  void protocolShouldNotKnowTheServerTheStorageOrNetty() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.flymq.server..", "io.flymq.storage..", "io.netty..")
        .check(CLASSES);
  }

  @Test
  void storageShouldNotKnowTheServerOrTheProtocol() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.flymq.server..", "io.flymq.protocol..", "io.netty..")
        .check(CLASSES);
  }

  @Test
  void handlersLogsAndMetadataShouldNotUseTheNetwork() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.flymq.server.handler..",
            "io.flymq.server.log..",
            "io.flymq.server.metadata..",
            "io.flymq.server.config..",
            "io.flymq.server.group..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.flymq.server.network..", "io.netty..")
        .check(CLASSES);
  }

  @Test
  void groupsShouldNotKnowHandlers() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.server.group..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.flymq.server.handler..")
        .check(CLASSES);
  }

  @Test
  void logsShouldNotKnowHandlersOrTheWire() {
    // KeyPartitioning is the one exception: a pure function (key hash -> partition) that the
    // broker's partitioner and the client's producer must share so keys land alike.
    noClasses()
        .that()
        .resideInAPackage("io.flymq.server.log..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "io.flymq.server.handler..", "io.flymq.protocol..")
                .and(DescribedPredicate.not(JavaClass.Predicates.type(KeyPartitioning.class))))
        .check(CLASSES);
  }
}
