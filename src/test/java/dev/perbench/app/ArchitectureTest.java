package dev.perbench.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The structure the README's Layout section describes, checked on the compiled main classes of
 * every module: no package depends on itself through others, the model contract knows none of its
 * adapters, the core harness knows nothing of DJL, and the modules depend only downwards.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          // Main classes only: neither test-classes folders nor the harness's test jar.
          .withImportOption(
              location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
          .importPackages("dev.perbench");

  @Test
  void theMainClassesAreAllThere() {
    // Guards the rules below against passing on nothing: every module's classes are imported.
    for (String c :
        new String[] {
          "dev.perbench.metrics.mask.Mask",
          "dev.perbench.data.catalog.Benchmarks",
          "dev.perbench.harness.run.Runs",
          "dev.perbench.harness.djl.DjlModel",
          "dev.perbench.bench.EchoModelServer",
          "dev.perbench.app.Main"
        }) {
      MAIN.get(c);
    }
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.perbench.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theModelContractKnowsNoAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.perbench.harness.model")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.perbench.harness.file",
            "dev.perbench.harness.http",
            "dev.perbench.harness.djl",
            "dev.perbench.harness.baseline",
            "dev.perbench.harness.run",
            "dev.perbench.harness.io")
        .check(MAIN);
  }

  @Test
  void onlyTheDjlAdapterUsesDjl() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.perbench.harness.djl")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ai.djl..")
        .check(MAIN);
  }

  @Test
  void modulesDependOnlyDownwards() {
    noClasses()
        .that()
        .resideInAPackage("dev.perbench.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.perbench.data..", "dev.perbench.harness..", "dev.perbench.app..")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAnyPackage("dev.perbench.data..", "dev.perbench.errors..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.perbench.harness..", "dev.perbench.bench..", "dev.perbench.app..")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAPackage("dev.perbench.harness..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.perbench.bench..", "dev.perbench.app..")
        .check(MAIN);
  }

  @Test
  void commandsReachTheHarnessThroughItsServices() {
    // The CLI parses, calls a service and prints: the runner loop and the prediction writer are
    // the services' business.
    noClasses()
        .that()
        .resideInAPackage("dev.perbench.app.cli")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.perbench.harness.io.PredictionWriter")
        .check(MAIN);
  }
}
