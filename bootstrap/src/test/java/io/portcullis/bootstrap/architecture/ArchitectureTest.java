package io.portcullis.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of ARCHITECTURE.md. Each rule is a function of the base package so it runs on the
 * production classes and on {@code io.portcullis.archfixture}, a deliberately broken sample that every
 * rule must reject — a rule that silently stopped matching anything would fail there.
 */
class ArchitectureTest {
    private static JavaClasses production;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("io.portcullis");
        fixture = new ClassFileImporter().importPackages("io.portcullis.archfixture");
    }

    static ArchRule domainIsJdkOnly(String base) {
        return classes().that().resideInAPackage(base + ".domain..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", base + ".domain..")
                .because("the domain is pure Java");
    }

    static ArchRule applicationIsFrameworkFree(String base) {
        return classes().that().resideInAPackage(base + ".application..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", base + ".domain..", base + ".application..")
                .because("use cases are built with new and tested without a framework");
    }

    static ArchRule adaptersAreIndependent(String base) {
        return SlicesRuleDefinition.slices().matching(base + ".adapters.(*)..").should().notDependOnEachOther()
                .because("adapters meet only through application ports");
    }

    static ArchRule coreNeverReadsTheClockOrMakesRandomness(String base) {
        return noClasses().that().resideInAnyPackage(base + ".domain..", base + ".application..").should()
                .callMethod(java.time.Instant.class, "now").orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callConstructor(java.security.SecureRandom.class)
                .because("time arrives as a Clock and randomness through RandomSource");
    }

    static ArchRule inboundPortsAreUseCases(String base) {
        // nested types (a use case's refusals, commands) belong to it; top-level interfaces are the ports
        return classes().that().resideInAPackage(base + ".application..port.in..").and().areInterfaces()
                .and().areTopLevelClasses().should().haveSimpleNameEndingWith("UseCase");
    }

    static ArchRule outboundPortsAreRepositoriesOrPorts(String base) {
        return classes().that().resideInAPackage(base + ".application..port.out..").and().areInterfaces()
                .and().areTopLevelClasses().should()
                .haveSimpleNameEndingWith("Repository").orShould().haveSimpleNameEndingWith("Port");
    }

    static ArchRule noVagueNames(String base) {
        return noClasses().that().resideInAPackage(base + "..").should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Manager").because("name the role");
    }

    static ArchRule noCyclesBetweenContexts(String base) {
        return SlicesRuleDefinition.slices().matching(base + ".(domain|application).(*)..").should().beFreeOfCycles();
    }

    private static final List<Function<String, ArchRule>> RULES = List.of(ArchitectureTest::domainIsJdkOnly,
            ArchitectureTest::applicationIsFrameworkFree, ArchitectureTest::adaptersAreIndependent,
            ArchitectureTest::coreNeverReadsTheClockOrMakesRandomness, ArchitectureTest::inboundPortsAreUseCases,
            ArchitectureTest::outboundPortsAreRepositoriesOrPorts, ArchitectureTest::noVagueNames);

    @Test
    void productionWhenCheckedThenEveryRuleHolds() {
        for (Function<String, ArchRule> rule : RULES) {
            rule.apply("io.portcullis").check(production);
        }
        noCyclesBetweenContexts("io.portcullis").check(production);
    }

    @Test
    void brokenSampleWhenCheckedThenEveryRuleFails() {
        assertThat(fixture.size()).isGreaterThan(3);
        for (Function<String, ArchRule> rule : RULES) {
            ArchRule r = rule.apply("io.portcullis.archfixture");
            assertThatThrownBy(() -> r.check(fixture)).as(r.getDescription()).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void controllersWhenInHttpAdapterThenNamedControllerAndOnlyThere() {
        classes().that().areAnnotatedWith(io.micronaut.http.annotation.Controller.class).should()
                .haveSimpleNameEndingWith("Controller").andShould().resideInAPackage("io.portcullis.adapters.http..")
                .check(production);
    }
}
