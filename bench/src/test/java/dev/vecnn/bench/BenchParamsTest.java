package dev.vecnn.bench;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Kernel;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.check.Problem;
import dev.vecnn.measure.BenchSuite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Param;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No implementation escapes the benchmarks, and every shape is a problem of the right family: each
 * bench's {@code implementation} @Param list is exactly its registry family, and its shapes cover
 * every row of {@code vecnn bench} for that family at batch 64.
 */
class BenchParamsTest {
    private static final Map<Class<? extends ProblemBench>, Family<?>> BENCHES = Map.ofEntries(
            Map.entry(GemmBench.class, Registry.GEMM),
            Map.entry(ConvBench.class, Registry.CONV2D),
            Map.entry(ConvReluPoolBench.class, Registry.CONV_RELU_POOL),
            Map.entry(Im2colBench.class, Registry.IM2COL),
            Map.entry(PoolingBench.class, Registry.POOLING),
            Map.entry(DenseBench.class, Registry.DENSE),
            Map.entry(ActivationsBench.class, Registry.ACTIVATIONS),
            Map.entry(LossesBench.class, Registry.LOSSES),
            Map.entry(BatchNormBench.class, Registry.BATCH_NORM),
            Map.entry(DropoutBench.class, Registry.DROPOUT),
            Map.entry(OptimizersBench.class, Registry.OPTIMIZERS),
            Map.entry(TapsBench.class, Registry.TAPS));

    @TestFactory
    Stream<DynamicTest> everyFamilyHasABench() {
        return Registry.FAMILIES.stream().map(family ->
                DynamicTest.dynamicTest(family.name(), () ->
                        assertTrue(BENCHES.containsValue(family), family.name() + " has no ProblemBench")));
    }

    @TestFactory
    Stream<DynamicTest> everyRegisteredImplementationIsBenched() {
        return BENCHES.entrySet().stream().map(bench -> DynamicTest.dynamicTest(bench.getKey().getSimpleName(), () -> {
            List<String> benched = params(bench.getKey(), "implementation");
            List<String> registered = bench.getValue().all().stream().map(Kernel::name).toList();
            String where = bench.getKey().getSimpleName() + " @Param implementation";
            if (Registry.SIMD_ENABLED) assertEquals(registered, benched, where + ": add every name in Registry");
            else assertTrue(benched.containsAll(registered), where + " misses the reference");
        }));
    }

    @TestFactory
    Stream<DynamicTest> shapesAreProblemsOfTheFamilyAndCoverTheCommandLineBench() {
        List<BenchSuite.Case> cliCases = BenchSuite.cases(64, List.of());
        return BENCHES.entrySet().stream().map(bench -> DynamicTest.dynamicTest(bench.getKey().getSimpleName(), () -> {
            List<String> shapes = params(bench.getKey(), "shape");
            for (String shape : shapes) {
                Problem<?> problem = Problem.parse(shape);
                assertSame(bench.getValue(), problem.family(), shape);
                assertEquals(problem.descriptor(), shape, "write shapes in their canonical form");
            }
            for (BenchSuite.Case row : cliCases)
                if (row.family().equals(bench.getValue().name()))
                    assertTrue(shapes.contains(Problem.parse(row.descriptor()).descriptor()),
                            bench.getKey().getSimpleName() + " misses vecnn bench's " + row.descriptor());
        }));
    }

    private static List<String> params(Class<?> bench, String field) throws NoSuchFieldException {
        return List.of(bench.getField(field).getAnnotation(Param.class).value());
    }
}
