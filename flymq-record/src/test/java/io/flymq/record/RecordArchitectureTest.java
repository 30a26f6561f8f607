package io.flymq.record;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The record format is a leaf shared by the client and the storage engine: it depends on no other
 * FlyMQ module, and its compression codecs know nothing of batches.
 */
class RecordArchitectureTest {
  private static final JavaClasses RECORD =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.flymq.record");

  @Test
  void shouldDependOnNoOtherFlyMqModule() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.record..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.flymq.storage..",
            "io.flymq.protocol..",
            "io.flymq.client..",
            "io.flymq.server..",
            "io.flymq.cli..",
            "io.flymq.bench..",
            "io.netty..")
        .check(RECORD);
  }

  @Test
  void shouldKeepCompressionCodecsIndependentOfRecords() {
    noClasses()
        .that()
        .resideInAPackage("io.flymq.record.compress..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.flymq.record")
        .check(RECORD);
  }
}
