package dev.vecnn.measure;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.check.Problem;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows of {@code vecnn bench}: real problems, named after their family, at the batch asked for. */
class BenchSuiteTest {
    @Test
    void everyRowIsAProblemOfTheFamilyItsNameSays() {
        for (BenchSuite.Case row : BenchSuite.cases(7, List.of(16, 33))) {
            Problem<?> problem = Problem.parse(row.descriptor());
            String family = problem.family().name();
            assertEquals(family, row.family(), row.toString());
            assertTrue(row.name().equals(family) || row.name().startsWith(family + "."), row.toString());
        }
    }

    @Test
    void everyFamilyHasARow() {
        Set<String> measured = new HashSet<>();
        for (BenchSuite.Case row : BenchSuite.cases(64, List.of(128))) measured.add(row.family());
        for (Family<?> family : Registry.FAMILIES) assertTrue(measured.contains(family.name()), family.name());
    }

    @Test
    void networkRowsTakeTheBatchAndGemmsTheSizes() {
        List<BenchSuite.Case> rows = BenchSuite.cases(7, List.of(16, 33));
        assertTrue(rows.contains(new BenchSuite.Case("conv2d.forward", "conv:mb7ic32ih13oc64kh3nhwc1")), rows.toString());
        assertTrue(rows.contains(new BenchSuite.Case("dense.backwardWeights", "dense-bwd-weights:mb7ic1600oc128")));
        assertTrue(rows.contains(new BenchSuite.Case("activations.relu", "relu:n" + 7 * 32 * 26 * 26)));
        assertEquals(List.of(new BenchSuite.Case("gemm", "gemm:m16n16k16"), new BenchSuite.Case("gemm", "gemm:m33n33k33")),
                rows.subList(rows.size() - 2, rows.size()));
    }

    @Test
    void theOptimizerRowUpdatesEveryParameterOfTheNetwork() {
        int conv1 = 32 * 3 * 3 + 32, conv2 = 64 * 32 * 3 * 3 + 64, dense1 = 1600 * 128 + 128, dense2 = 128 * 10 + 10;
        assertEquals(conv1 + conv2 + dense1 + dense2, BenchSuite.NETWORK_PARAMETERS);
    }

    @Test
    void aFigureNamesItsRowAndReportsBothImplementations() {
        try (Timer timer = new Timer(1)) {
            KernelFigure figure = BenchSuite.measure(new BenchSuite.Case("dropout.apply", "dropout:n100"), timer,
                    new Budget(0, 0, 0, Long.MAX_VALUE));
            assertEquals("dropout.apply", figure.name());
            assertEquals("dropout:n100", figure.shape());
            assertTrue(figure.referenceGflops() > 0 && Double.isFinite(figure.referenceGflops()), figure.toString());
            assertTrue(figure.simdGflops() > 0 && Double.isFinite(figure.simdGflops()), figure.toString());
        }
    }
}
