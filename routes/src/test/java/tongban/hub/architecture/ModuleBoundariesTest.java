package tongban.hub.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries of docs/architecture.md, checked on the compiled classes of every module. */
class ModuleBoundariesTest {

    private static final JavaClasses TONGBAN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("tongban");

    @Test
    void adaptersDoNotDependOnEachOther() {
        slices().matching("tongban.adapters.(*)..")
                .that(DescribedPredicate.describe("a department",
                        slice -> !slice.getDescription().contains("support")))
                .should().notDependOnEachOther()
                .check(TONGBAN);
    }

    @Test
    void adaptersAndSsoDoNotDependOnTheHub() {
        noClasses().that().resideInAnyPackage("tongban.adapters..", "tongban.sso..")
                .should().dependOnClassesThat().resideInAPackage("tongban.hub..")
                .check(TONGBAN);
    }

    @Test
    void adaptersAndSsoDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("tongban.adapters..")
                .should().dependOnClassesThat().resideInAPackage("tongban.sso..")
                .check(TONGBAN);
        noClasses().that().resideInAPackage("tongban.sso..")
                .should().dependOnClassesThat().resideInAPackage("tongban.adapters..")
                .check(TONGBAN);
    }

    @Test
    void nothingInProductionDependsOnTheMocks() {
        noClasses().that().resideInAnyPackage("tongban.hub..", "tongban.adapters..", "tongban.sso..")
                .should().dependOnClassesThat().resideInAPackage("tongban.mocks..")
                .check(TONGBAN);
    }

    @Test
    void theExchangeTheLogAndTheCatalogueKnowNothingOfTheCasesBuiltOnThem() {
        noClasses().that().resideInAnyPackage("tongban.hub.exchange..", "tongban.hub.messagelog..",
                        "tongban.hub.catalogue..", "tongban.hub.calendar..")
                .should().dependOnClassesThat().resideInAPackage("tongban.hub.cases..")
                .check(TONGBAN);
    }

    /**
     * The platform's layers, as in docs/architecture.md: statistics read everything and nothing reads them; ratings open
     * work orders, never the other way; work orders and the platform's sends stand on the exchange, not on cases.
     */
    @Test
    void theCitizenServicesLayerOnTheExchangeInOneDirection() {
        noClasses().that().resideOutsideOfPackage("tongban.hub.statistics..")
                .should().dependOnClassesThat().resideInAPackage("tongban.hub.statistics..")
                .check(TONGBAN);
        noClasses().that().resideOutsideOfPackages("tongban.hub.ratings..", "tongban.hub.portal..")
                .should().dependOnClassesThat().resideInAPackage("tongban.hub.ratings..")
                .check(TONGBAN);
        noClasses().that().resideInAnyPackage("tongban.hub.workorders..", "tongban.hub.sends..", "tongban.hub.cases..")
                .should().dependOnClassesThat().resideInAnyPackage("tongban.hub.ratings..", "tongban.hub.statistics..")
                .check(TONGBAN);
        noClasses().that().resideInAnyPackage("tongban.hub.workorders..", "tongban.hub.sends..")
                .should().dependOnClassesThat().resideInAPackage("tongban.hub.cases..")
                .check(TONGBAN);
        noClasses().that().resideInAnyPackage("tongban.hub.exchange..", "tongban.hub.messagelog..",
                        "tongban.hub.calendar..", "tongban.hub.cases..")
                .should().dependOnClassesThat().resideInAnyPackage("tongban.hub.workorders..", "tongban.hub.sends..")
                .check(TONGBAN);
        // appointments stand on cases and the halls; nothing below knows them
        noClasses().that().resideInAnyPackage("tongban.hub.cases..", "tongban.hub.halls..", "tongban.hub.exchange..",
                        "tongban.hub.calendar..")
                .should().dependOnClassesThat().resideInAPackage("tongban.hub.appointments..")
                .check(TONGBAN);
        // the halls are data: they know no feature
        noClasses().that().resideInAPackage("tongban.hub.halls..")
                .should().dependOnClassesThat().resideInAnyPackage("tongban.hub.cases..", "tongban.hub.exchange..",
                        "tongban.hub.appointments..", "tongban.hub.portal..")
                .check(TONGBAN);
    }

    @Test
    void theOpsConsoleAndMonitoringAreLeavesThatTheExchangeAndTheLogDoNotKnow() {
        noClasses().that().resideInAnyPackage("tongban.hub.exchange..", "tongban.hub.messagelog..",
                        "tongban.hub.catalogue..", "tongban.hub.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("tongban.hub.ops..", "tongban.hub.monitoring..",
                        "tongban.hub.portal..")
                .check(TONGBAN);
        noClasses().that().resideOutsideOfPackage("tongban.hub.ops..")
                .and().resideOutsideOfPackage("tongban.hub.portal..") // the browser sign-in knows the ops client
                .should().dependOnClassesThat().resideInAPackage("tongban.hub.ops..")
                .check(TONGBAN);
    }

    /** No two feature packages of the hub reach each other, however indirectly: every way through the hub runs downhill. */
    @Test
    void theHubsPackagesHaveNoCycles() {
        slices().matching("tongban.hub.(*)..").should().beFreeOfCycles().check(TONGBAN);
    }

    /** The API's failure types lie below every feature: any package may throw them, they know no feature. */
    @Test
    void theFailureTypesStandOnNothingOfTheHub() {
        noClasses().that().resideInAPackage("tongban.hub.problem..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("tongban.hub..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("tongban.hub.problem..")))
                .check(TONGBAN);
    }

    /**
     * SQL lives in stores: a class that queries the database is a {@code *Store} with named operations, and services
     * call those — no SQL passed in, none written beside the business rules.
     */
    @Test
    void onlyStoresWriteSql() {
        noClasses().that().resideInAPackage("tongban.hub..")
                .and().haveSimpleNameNotEndingWith("Store")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc.core..",
                        "org.springframework.jdbc.core.simple..")
                .check(TONGBAN);
    }
}
