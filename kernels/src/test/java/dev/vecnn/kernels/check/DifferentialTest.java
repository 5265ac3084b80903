package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Registry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every implementation of every registered family against its reference on random problems:
 * {@code vecnn.cases} per family (200 by default, set by the build), at the vector width the
 * build forces with {@code vecnn.simd}. A failure lists one line per failed case, each starting
 * with the problem's descriptor.
 */
class DifferentialTest {
    private static final long SEED = 20_250_101L;

    @TestFactory
    Stream<DynamicTest> everyFamilyMatchesItsReference() {
        int cases = casesPerFamily();
        return Registry.FAMILIES.stream().map(family -> DynamicTest.dynamicTest(family.name(), () -> check(family, cases)));
    }

    private static void check(Family<?> family, int cases) {
        Verifier.Summary summary = new Verifier().runFamily(family, cases, SEED);
        assertTrue(summary.passed(), () -> summary.failed().stream().map(CaseResult::report)
                .collect(Collectors.joining("\n")) + "\n(" + summary.failures() + " of " + summary.comparisons()
                + " comparisons failed in " + family.name() + ")");
    }

    static int casesPerFamily() {
        String value = System.getProperty("vecnn.cases", "").trim();
        return value.isEmpty() ? 200 : Integer.parseInt(value);
    }
}
