package org.lesionsim.tools;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the library modules run one way, down the paper's order (docs/DESIGN.md §3): core ← synthetic, core ← image-metrics ← ml ← tools, and inside ml
 * gan ← encoder ← sefa ← judge ← scoring ← progression. A class that imports one above it fails
 * here. Only production classes are checked (test fixtures may reach across).
 */
class ModuleLayeringTest {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.matches(TEST_JAR);
        classes = new ClassFileImporter().withImportOption(productionOnly).importPackages("org.lesionsim");
    }

    static final String[] CORE = {"org.lesionsim.events..", "org.lesionsim.storage..", "org.lesionsim.imaging..",
        "org.lesionsim.linalg..", "org.lesionsim.dicom..", "org.lesionsim.data", "org.lesionsim.data.ham10000.."};

    /** The modules as layers: each may use only the ones below it. */
    static LayeredArchitecture modules() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy(CORE)
                .layer("synthetic").definedBy("org.lesionsim.data.synthetic..")
                .layer("image-metrics").definedBy("org.lesionsim.metrics..")
                .layer("ml").definedBy("org.lesionsim.gan..", "org.lesionsim.encoder..", "org.lesionsim.sefa..",
                        "org.lesionsim.judge..", "org.lesionsim.scoring..", "org.lesionsim.progression..")
                .layer("tools").definedBy("org.lesionsim.tools..")
                .whereLayer("tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("ml").mayOnlyBeAccessedByLayers("tools")
                .whereLayer("image-metrics").mayOnlyBeAccessedByLayers("ml", "tools")
                .whereLayer("synthetic").mayOnlyBeAccessedByLayers("tools");
    }

    /** The ML module's packages in the paper's order: StyleGAN2, e4e, SeFa, the judge, scoring, the walk. */
    static LayeredArchitecture paperOrder() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("gan").definedBy("org.lesionsim.gan..")
                .layer("encoder").definedBy("org.lesionsim.encoder..")
                .layer("sefa").definedBy("org.lesionsim.sefa..")
                .layer("judge").definedBy("org.lesionsim.judge..")
                .layer("scoring").definedBy("org.lesionsim.scoring..")
                .layer("progression").definedBy("org.lesionsim.progression..")
                .whereLayer("progression").mayNotBeAccessedByAnyLayer()
                .whereLayer("scoring").mayOnlyBeAccessedByLayers("progression")
                .whereLayer("judge").mayOnlyBeAccessedByLayers("scoring", "progression")
                .whereLayer("sefa").mayOnlyBeAccessedByLayers("judge", "scoring", "progression")
                .whereLayer("encoder").mayOnlyBeAccessedByLayers("judge", "scoring", "progression", "sefa");
    }

    @Test
    void importsEveryLibraryModule() {
        for (String pkg : new String[] {"org.lesionsim.events", "org.lesionsim.data.synthetic", "org.lesionsim.metrics",
            "org.lesionsim.gan", "org.lesionsim.progression", "org.lesionsim.tools.gan"}) {
            assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
        }
    }

    @Test
    void rejectsAClassThatImportsUpwards() {
        JavaClasses withFixture = new ClassFileImporter().importPackages("org.lesionsim.gan", "org.lesionsim.progression");
        assertThat(withFixture.containPackage("org.lesionsim.gan")).isTrue();
        assertThatThrownBy(() -> paperOrder().check(withFixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UpwardImportFixture");
    }

    @Test
    void modulesOnlyUseTheOnesBelow() {
        modules().check(classes);
    }

    @Test
    void mlPackagesFollowThePaper() {
        paperOrder().check(classes);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("org.lesionsim.(*)..").should().beFreeOfCycles().check(classes);
    }
}
