package dev.llmadvisor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package floors of docs/architecture.md as a test: a class may use its own floor and the
 * floors below it, never one above. A new package must be given a floor here before it can be used.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.llmadvisor";

  /** Top down. Packages on one floor may use each other. */
  private static final List<List<String>> FLOORS =
      List.of(
          List.of("api", "cli", "web", "admission"),
          List.of("fixtures", "governance"),
          List.of("evaluation"),
          List.of("report"),
          List.of("strategy", "whatif"),
          List.of("sizing", "licence", "performance", "sli", "importer"),
          List.of("plan", "rules", "waiver"),
          List.of("catalogue"),
          List.of("text"));

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);
  }

  @Test
  void noImportClimbsToAHigherFloor() {
    for (int floor = 1; floor < FLOORS.size(); floor++) {
      noClasses()
          .that()
          .resideInAnyPackage(packages(FLOORS.subList(floor, floor + 1)))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packages(FLOORS.subList(0, floor)))
          .because("floor " + FLOORS.get(floor) + " sits below " + FLOORS.subList(0, floor))
          .check(main);
    }
  }

  @Test
  void everyPackageHasAFloor() {
    Set<String> placed =
        FLOORS.stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
    Set<String> found = new TreeSet<>();
    for (JavaClass type : main) {
      String pkg = type.getPackageName();
      if (pkg.startsWith(ROOT + ".")) {
        found.add(pkg.substring(ROOT.length() + 1).split("\\.")[0]);
      }
    }
    assertThat(found).isNotEmpty();
    assertThat(placed).as("give each package a floor in FLOORS").containsAll(found);
  }

  private static String[] packages(List<List<String>> floors) {
    return floors.stream()
        .flatMap(List::stream)
        .map(name -> ROOT + "." + name + "..")
        .toArray(String[]::new);
  }

  static {
    // Guard against a package listed twice, which would make a floor both above and below itself.
    List<String> all = FLOORS.stream().flatMap(List::stream).toList();
    if (all.size() != new TreeSet<>(all).size()) {
      throw new IllegalStateException(
          "a package is on two floors: " + Arrays.toString(all.toArray()));
    }
  }
}
