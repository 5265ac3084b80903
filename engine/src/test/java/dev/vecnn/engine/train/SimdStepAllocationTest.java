package dev.vecnn.engine.train;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.kernels.Kernels;
import dev.vecnn.kernels.Registry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simd kernels' training steps allocate nothing once compiled, as {@link AllocationTest} checks
 * for the other layers. It runs in a JVM of its own (engine/pom.xml), as {@code vecnn train} does:
 * in the JVM the rest of the suite has used (the same kernels on other shapes, the reference
 * kernels through the same call sites) C2 compiles them otherwise, and some call there passes its
 * vectors as objects (measured: 480 bytes per step for the whole two minutes in the shared JVM, 0
 * within seconds in a fresh one; which call it is was not found). Alone it once failed too, in CI
 * and in one of about 35 runs here: 1.2 MB per step for the whole two minutes, which the sites a
 * failure now names traced to conv2's bias gradient (see Conv2dImplicitGemmNhwc.biasGradient). On
 * AVX2 (-Dvecnn.test.jvm=-XX:UseAVX=2) it fails at 10.7 KB per step: there the softmax's masked
 * load of a row's tail past the end of its array is not intrinsified.
 */
class SimdStepAllocationTest {
    /**
     * The reference network's layers, widths and kernels on 16x16 images (conv1 apart, conv2 fused
     * with its ReLU and pooling, the layout changes, dense, Adam) on two threads.
     */
    @Test
    void simdStepsOfTheReferenceNetworkAllocateNothingOnceCompiled() {
        // With simd off these are the reference kernels, whose convolution allocates a lambda per call.
        assumeTrue(Registry.SIMD_ENABLED, "the simd kernels are off");
        Dataset data = Synthetic.bars(128, 16, 10, 1);
        Model model = Model.build("conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)",
                new Shape(1, 16, 16), 1);
        TrainerConfig config = TrainerConfig.defaults().withThreads(2).withBatchSize(64);
        try (Trainer trainer = new Trainer(model, Kernels.named(Kernels.SIMD), config, null)) {
            AllocationTest.assertNothingAllocatedOnceCompiled(trainer, data, 64);
        }
    }
}
