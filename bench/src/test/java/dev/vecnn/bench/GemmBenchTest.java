package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Registry;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No GEMM implementation escapes the benchmark: its @Param list is exactly the registry's. */
class GemmBenchTest {
    @Test
    void benchmarksEveryRegisteredGemm() throws NoSuchFieldException {
        List<String> benched = List.of(GemmBench.class.getField("implementation").getAnnotation(Param.class).value());
        List<String> registered = Registry.GEMM.all().stream().map(Gemm::name).toList();
        if (Registry.SIMD_ENABLED) assertEquals(registered, benched, "GemmBench @Param implementation");
        else assertTrue(benched.containsAll(registered), "GemmBench @Param implementation misses the reference");
    }
}
