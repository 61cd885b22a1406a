package dev.baton.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the house, checked on the compiled classes: no package cycles, the domain imports
 * nothing of Baton's other rooms, and a lower room never reaches into a higher one. The views (the JSON
 * shapes) sit just below the entry points, which alone print them.
 */
class PackageRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importBaton() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baton");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.baton.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreImportsNothingOfTheOtherRooms() {
        noClasses()
                .that()
                .resideInAPackage("dev.baton.core..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("dev.baton.core..", "java..")
                .check(classes);
    }

    @Test
    void onlyTheStoreTalksToTheDatabase() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.baton.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.jdbi..",
                        "com.zaxxer.hikari..",
                        "org.sqlite..",
                        "org.flywaydb..")
                .because("SQL belongs behind the store's ports, so another database is one more adapter")
                .check(classes);
    }

    @Test
    void theStoresImplementationsAreReachedOnlyThroughItsPorts() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.baton.store..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.baton.store.internal..")
                .check(classes);
    }

    @Test
    void entryPointsGoThroughTheServicesNotTheRecorder() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.baton")
                .should()
                .callMethod(dev.baton.Baton.class, "recorder")
                .because("a change is made by an application service, which records it")
                .check(classes);
    }

    @Test
    void lowerRoomsNeverImportHigherOnes() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("entry")
                .definedBy("dev.baton", "dev.baton.cli..", "dev.baton.server..", "dev.baton.mcp..")
                .layer("view")
                .definedBy("dev.baton.view..")
                .layer("engine")
                .definedBy("dev.baton.engine..")
                .layer("services")
                .definedBy("dev.baton.schedule..", "dev.baton.workflow..", "dev.baton.plan..", "dev.baton.integrate..")
                .layer("gate")
                .definedBy("dev.baton.gate..")
                .layer("tasks")
                .definedBy("dev.baton.tasks..")
                .layer("route")
                .definedBy("dev.baton.route..")
                .layer("adapters")
                .definedBy("dev.baton.agent..", "dev.baton.workspace..", "dev.baton.session..", "dev.baton.brain..")
                .layer("store")
                .definedBy("dev.baton.store..")
                .layer("secret")
                .definedBy("dev.baton.secret..")
                .layer("format")
                .definedBy("dev.baton.format..")
                .layer("core")
                .definedBy("dev.baton.core..")
                .whereLayer("entry")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("view")
                .mayOnlyBeAccessedByLayers("entry")
                .whereLayer("engine")
                .mayOnlyBeAccessedByLayers("entry")
                .whereLayer("services")
                .mayOnlyBeAccessedByLayers("entry", "view", "engine")
                .whereLayer("gate")
                .mayOnlyBeAccessedByLayers("entry", "view", "engine", "services")
                .whereLayer("tasks")
                .mayOnlyBeAccessedByLayers("entry", "view", "engine", "services", "gate")
                .whereLayer("route")
                .mayOnlyBeAccessedByLayers("entry", "view", "engine", "services", "gate", "tasks")
                .whereLayer("adapters")
                .mayOnlyBeAccessedByLayers("entry", "view", "engine", "services", "gate", "tasks", "route", "adapters")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("entry", "view", "engine", "services", "gate", "tasks", "route", "adapters")
                .whereLayer("format")
                .mayOnlyBeAccessedByLayers(
                        "entry", "view", "engine", "services", "gate", "tasks", "route", "adapters", "store", "secret")
                .check(classes);
    }
}
