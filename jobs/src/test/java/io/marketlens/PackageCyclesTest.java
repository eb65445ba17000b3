package io.marketlens;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the main code (jobs, reports and the tables contract, read from their compiled classes) depends on a
 * package that depends back on it, directly or through others: each package is a slice of its own.
 */
class PackageCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.marketlens");

    @Test
    void theMainCodeReadsJobsReportsAndTables() {
        assertThat(MAIN.containPackage("io.marketlens.metrics.pricing")).isTrue();
        assertThat(MAIN.containPackage("io.marketlens.reports.charts")).isTrue();
        assertThat(MAIN.containPackage("io.marketlens.tables")).isTrue();
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.marketlens.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theRuleFindsACycle() {
        // the check itself: two test classes that use each other across packages form a cycle it reports
        JavaClasses cyclic = new ClassFileImporter().importClasses(io.marketlens.cycle.a.A.class, io.marketlens.cycle.b.B.class);
        assertThatThrownBy(() -> slices().matching("io.marketlens.(**)").should().beFreeOfCycles().check(cyclic))
                .hasMessageContaining("Cycle detected");
    }
}
