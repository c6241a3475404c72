package io.portcullis.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of ARCHITECTURE.md. Each rule is a function of the base package so it runs on the
 * production classes and on {@code io.portcullis.archfixture}, a deliberately broken sample that every
 * rule must reject — a rule that silently stopped matching anything would fail there. Each rule names
 * the fixture violations it must report, so a rule with several clauses proves every clause.
 */
class ArchitectureTest {
    private static final String FIXTURE = "io.portcullis.archfixture";
    private static JavaClasses production;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("io.portcullis");
        fixture = new ClassFileImporter().importPackages(FIXTURE);
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

    /**
     * An adapter may use any inbound port (use cases, their commands and results), and an outbound port
     * (with its nested types) only if the same adapter ({@code adapters.<name>}) implements it — the
     * persistence adapter may use the cipher it implements, the HTTP adapter may not use a repository.
     * Service classes and anything else in {@code application} are off limits.
     */
    static ArchRule adaptersUseInboundPortsAndTheOutboundPortsTheyImplement(String base) {
        String prefix = base + ".adapters.";
        return classes().that().resideInAPackage(base + ".adapters..")
                .should(new ArchCondition<JavaClass>("use only inbound ports and the outbound ports their adapter implements") {
                    private final Map<String, Set<String>> implementedByAdapter = new HashMap<>();

                    @Override
                    public void init(Collection<JavaClass> adapters) {
                        for (JavaClass adapter : adapters) {
                            Set<String> implemented = implementedByAdapter.computeIfAbsent(
                                    segmentAfter(prefix, adapter.getPackageName()), k -> new HashSet<>());
                            adapter.getAllRawInterfaces().forEach(i -> implemented.add(i.getName()));
                            adapter.getAllRawSuperclasses().forEach(s -> implemented.add(s.getName()));
                        }
                    }

                    @Override
                    public void check(JavaClass adapter, ConditionEvents events) {
                        Set<String> implemented = implementedByAdapter.getOrDefault(
                                segmentAfter(prefix, adapter.getPackageName()), Set.of());
                        for (Dependency d : adapter.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass();
                            String pkg = target.getPackageName();
                            if (!pkg.startsWith(base + ".application.") || isIn(pkg, "port.in")) {
                                continue;
                            }
                            if (isIn(pkg, "service")) {
                                events.add(SimpleConditionEvent.violated(d, "uses a service class: " + d.getDescription()));
                            } else if (!implemented.contains(topLevel(target).getName())) {
                                events.add(SimpleConditionEvent.violated(d,
                                        "uses an application type its adapter does not implement: " + d.getDescription()));
                            }
                        }
                    }
                })
                .because("adapters drive the core through use cases; only the adapter implementing a port speaks its types");
    }

    /**
     * Inbound ports (use cases with their nested commands and results, and the other records in
     * {@code port.in}) never mention outbound port types, and outbound ports never mention inbound ones.
     */
    static ArchRule portsDoNotDependOnEachOther(String base) {
        String in = base + ".application..port.in..";
        String out = base + ".application..port.out..";
        return CompositeArchRule
                .of(noClasses().that().resideInAPackage(in).should().dependOnClassesThat().resideInAPackage(out))
                .and(noClasses().that().resideInAPackage(out).should().dependOnClassesThat().resideInAPackage(in))
                .because("a use case's contract is independent of how it is stored or reached, and a store knows no use case");
    }

    /**
     * A class in {@code application.<X>} may use another context's inbound ports and domain types, but
     * never {@code application.<Y>.service..} or {@code application.<Y>.port.out..}; {@code shared} is everyone's.
     */
    static ArchRule contextsMeetOnlyThroughInboundPorts(String base) {
        String prefix = base + ".application.";
        return classes().that().resideInAPackage(base + ".application..")
                .should(new ArchCondition<JavaClass>("reach other contexts only through their inbound ports") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String own = segmentAfter(prefix, origin.getPackageName());
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            String pkg = d.getTargetClass().getPackageName();
                            String other = segmentAfter(prefix, pkg);
                            if (other == null || other.equals(own) || other.equals("shared")) {
                                continue;
                            }
                            String rest = pkg.substring(prefix.length() + other.length());
                            if (rest.equals(".service") || rest.startsWith(".service.") || rest.equals(".port.out")
                                    || rest.startsWith(".port.out.")) {
                                events.add(SimpleConditionEvent.violated(d, "context " + own + " reaches into "
                                        + other + ": " + d.getDescription()));
                            }
                        }
                    }
                })
                .because("another context's services and stores are its own business; its use cases are the contract");
    }

    static ArchRule factoriesOnlyInBootstrap(String base) {
        return classes().that().areAnnotatedWith(io.micronaut.context.annotation.Factory.class).should()
                .resideInAPackage(base + ".bootstrap..")
                .because("wiring lives in bootstrap; adapters and the core do not build each other");
    }

    static ArchRule coreNeverReadsTheClockOrMakesRandomness(String base) {
        return noClasses().that().resideInAnyPackage(base + ".domain..", base + ".application..").should()
                .callMethod(java.time.Instant.class, "now").orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callConstructor(java.security.SecureRandom.class)
                .orShould().callMethod(Clock.class, "systemUTC").orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(Clock.class, "system", ZoneId.class)
                .orShould().callMethod(UUID.class, "randomUUID")
                .because("time arrives as a Clock and randomness (ids included) through RandomSource");
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
        return SlicesRuleDefinition.slices().matching(base + ".(domain|application).(*)..").should().beFreeOfCycles()
                .because("contexts depend on each other in one direction only");
    }

    /** A failure crosses a seam as a sealed type the caller can switch on, never as words to be decoded. */
    static ArchRule errorsAreTypedNotStrings(String base) {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(base + "..")
                .should(new ArchCondition<JavaMethod>("not return a Result whose error is a String") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        JavaType type = method.getReturnType();
                        if (type instanceof JavaParameterizedType p
                                && p.toErasure().isEquivalentTo(io.portcullis.domain.shared.Result.class)
                                && p.getActualTypeArguments().size() == 2
                                && p.getActualTypeArguments().get(1).toErasure().isEquivalentTo(String.class)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " returns Result<…, String>"));
                        }
                    }
                })
                .because("errors are sealed types per context, mapped once at the edge; no error is decoded from a string");
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static boolean isIn(String pkg, String layer) {
        return pkg.endsWith("." + layer) || pkg.contains("." + layer + ".");
    }

    /** The package segment right after {@code prefix} (a context or an adapter's name), or null outside it. */
    private static String segmentAfter(String prefix, String pkg) {
        if (!pkg.startsWith(prefix)) {
            return null;
        }
        int dot = pkg.indexOf('.', prefix.length());
        return dot < 0 ? pkg.substring(prefix.length()) : pkg.substring(prefix.length(), dot);
    }

    /** A rule and what it must report on the broken sample (fragments of the failure message). */
    private record Rule(Function<String, ArchRule> define, List<String> fixtureViolations) {
        Rule(Function<String, ArchRule> define, String... fixtureViolations) {
            this(define, List.of(fixtureViolations));
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule(ArchitectureTest::domainIsJdkOnly, "ClockReadingEntity.doer"),
            new Rule(ArchitectureTest::applicationIsFrameworkFree, "io.micronaut.http.HttpRequest"),
            new Rule(ArchitectureTest::adaptersAreIndependent, "RowHelper.mapper"),
            new Rule(ArchitectureTest::adaptersUseInboundPortsAndTheOutboundPortsTheyImplement,
                    "uses a service class: Field <" + FIXTURE + ".adapters.http.ShortcutController.service>",
                    "does not implement: Field <" + FIXTURE + ".adapters.http.ShortcutController.repository>"),
            new Rule(ArchitectureTest::portsDoNotDependOnEachOther,
                    "<" + FIXTURE + ".application.alpha.port.in.DoAlphaUseCase.doAlpha(",
                    "<" + FIXTURE + ".application.alpha.port.out.AlphaRepository.save("),
            new Rule(ArchitectureTest::contextsMeetOnlyThroughInboundPorts,
                    "context alpha reaches into beta: Field <" + FIXTURE + ".application.alpha.service.AlphaService.betaRows>",
                    "context alpha reaches into beta: Field <" + FIXTURE + ".application.alpha.service.AlphaService.beta>"),
            new Rule(ArchitectureTest::factoriesOnlyInBootstrap, FIXTURE + ".adapters.persistence.AlphaWiringFactory"),
            new Rule(ArchitectureTest::coreNeverReadsTheClockOrMakesRandomness, "<java.time.Instant.now()>",
                    "<java.security.SecureRandom.<init>()>", "<java.time.Clock.systemUTC()>",
                    "<java.time.Clock.systemDefaultZone()>", "<java.time.Clock.system(java.time.ZoneId)>",
                    "<java.util.UUID.randomUUID()>"),
            new Rule(ArchitectureTest::inboundPortsAreUseCases, "SomethingDoer"),
            new Rule(ArchitectureTest::outboundPortsAreRepositoriesOrPorts, "Storage"),
            new Rule(ArchitectureTest::noVagueNames, "RowMapperImpl", "RowHelper"),
            new Rule(ArchitectureTest::noCyclesBetweenContexts, "Cycle detected: Slice application - alpha"),
            new Rule(ArchitectureTest::errorsAreTypedNotStrings,
                    FIXTURE + ".application.alpha.service.AlphaService.count(java.lang.String) returns Result<…, String>"));

    @Test
    void productionWhenCheckedThenEveryRuleHolds() {
        List<String> failures = new ArrayList<>();
        for (Rule rule : RULES) {
            try {
                rule.define().apply("io.portcullis").check(production);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).as("architecture violations").isEmpty();
    }

    @Test
    void brokenSampleWhenCheckedThenEveryRuleFails() {
        assertThat(fixture.size()).isGreaterThan(3);
        for (Rule rule : RULES) {
            ArchRule r = rule.define().apply(FIXTURE);
            Throwable failure = catchThrowable(() -> r.check(fixture));
            assertThat(failure).as(r.getDescription()).isInstanceOf(AssertionError.class);
            for (String expected : rule.fixtureViolations()) {
                assertThat(failure.getMessage()).as(r.getDescription()).contains(expected);
            }
        }
    }

    @Test
    void controllersWhenInHttpAdapterThenNamedControllerAndOnlyThere() {
        classes().that().areAnnotatedWith(io.micronaut.http.annotation.Controller.class).should()
                .haveSimpleNameEndingWith("Controller").andShould().resideInAPackage("io.portcullis.adapters.http..")
                .check(production);
    }
}
