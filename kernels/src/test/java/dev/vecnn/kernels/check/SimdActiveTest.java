package dev.vecnn.kernels.check;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.SimdSetting;
import dev.vecnn.kernels.simd.Simd;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fails when the simd kernels silently fell back to scalar code: the build adds the Vector API
 * module to every test JVM, so unless {@code -Dvecnn.simd=0} asks for scalar code, every family's
 * default must be a Vector API implementation running at the forced or preferred width. With
 * {@code -Dvecnn.simd=0} the opposite must hold: nothing but the references.
 */
class SimdActiveTest {
    private static final boolean SCALAR_REQUESTED = SimdSetting.forcedBits() == 0;

    @Test
    void theVectorApiIsOnUnlessScalarWasAskedFor() {
        assertTrue(SimdSetting.vectorModulePresent(), "the test JVM lacks --add-modules jdk.incubator.vector");
        assertEquals(!SCALAR_REQUESTED, Registry.SIMD_ENABLED);
    }

    @Test
    void theSpeciesHasTheForcedOrPreferredWidth() {
        if (SCALAR_REQUESTED) return;
        int forced = SimdSetting.forcedBits();
        int expected = forced > 0 ? forced : FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertEquals(expected, Simd.SPECIES.vectorBitSize());
        assertEquals(expected / Float.SIZE, Simd.LANES);
        assertTrue(Simd.LANES > 1, "a vector of one float is scalar code");
    }

    @Test
    void everyFamilyRunsAVectorApiImplementationByDefault() {
        for (Family<?> family : Registry.FAMILIES) {
            if (SCALAR_REQUESTED) {
                assertSame(family.reference(), family.simd(), family.name());
                assertEquals(1, family.all().size(), family.name());
                continue;
            }
            assertNotSame(family.reference(), family.simd(), family.name() + " has no simd implementation registered");
            assertEquals(Simd.class.getPackageName(), family.simd().getClass().getPackageName(),
                    family.name() + "'s default " + family.simd().name() + " is not a Vector API kernel");
            assertFalse(family.all().subList(1, family.all().size()).contains(family.reference()), family.name());
        }
    }

    @Test
    void theSimdKernelsAreTheFamiliesDefaults() {
        Kernels simd = Kernels.named(Kernels.SIMD);
        assertSame(Registry.GEMM.simd(), simd.gemm());
        assertSame(Registry.CONV2D.simd(), simd.conv2d());
        assertSame(Registry.ACTIVATIONS.simd(), simd.activations());
        assertSame(Registry.OPTIMIZERS.simd(), simd.optimizers());
        if (!SCALAR_REQUESTED) assertNotSame(Registry.GEMM.reference(), simd.gemm());
    }
}
