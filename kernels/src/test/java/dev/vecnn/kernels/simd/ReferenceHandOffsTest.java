package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Family;
import dev.vecnn.kernels.Kernel;
import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.check.Problem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simd kernels compute the shapes the engine gives them themselves: the reference network's
 * layers, in the layout each kernel covers, reach no reference twin (ReferenceHandOffs counts
 * every call that does), while a shape in the other layout does, which proves the count can move.
 */
class ReferenceHandOffsTest {
    @BeforeAll
    static void simdRuns() {
        Assumptions.assumeTrue(Registry.SIMD_ENABLED, "the simd kernels are off (-Dvecnn.simd=0): nothing to hand off");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Conv2dPerShape; conv; mb2ic1ih28oc32kh3nhwc1 mb2ic32ih13oc64kh3nhwc1 mb2ic32ih13oc64kh3; conv conv-bwd-data conv-bwd-weights; -",
            "Conv2dImplicitGemmNhwc; conv; mb2ic1ih28oc32kh3nhwc1 mb2ic32ih13oc64kh3nhwc1 mb2ic3ih9oc5kh3sh2ph1nhwc1; conv conv-bwd-data conv-bwd-weights; conv:mb2ic32ih13oc64kh3",
            "Conv2dIm2colBatched; conv; mb2ic1ih28oc32kh3 mb2ic32ih13oc64kh3; conv conv-bwd-data conv-bwd-weights; conv:mb2ic32ih13oc64kh3nhwc1",
            "Conv2dDirect1Channel; conv; mb2ic1ih28oc32kh3; conv conv-bwd-weights; conv:mb2ic1ih28oc32kh3nhwc1",
            "Conv2dReluPoolImplicitGemm; convrelupool; mb2ic1ih28oc32kh3pool2nhwc1 mb2ic32ih13oc64kh3pool2nhwc1 mb2ic1600ih1oc128kh1nhwc1; conv-relu-pool; conv-relu-pool:mb2ic32ih13oc64kh3pool2",
            "Conv2dReluPoolDirect1Channel; convrelupool; mb2ic1ih28oc32kh3pool2nhwc1 mb2ic1ih28oc32kh3pool2nhwc1argmax1 mb2ic1ih28oc32kh3nhwc1 mb2ic1ih9oc20kh3ph1pool3nhwc1argmax1; conv-relu-pool; conv-relu-pool:mb2ic32ih13oc64kh3pool2nhwc1",
            "Conv2dReluPoolPerShape; convrelupool; mb2ic1ih28oc32kh3pool2nhwc1argmax1 mb2ic32ih13oc64kh3pool2nhwc1argmax1; conv-relu-pool; conv-relu-pool:mb2ic32ih13oc64kh3pool2",
            "PoolingPerLayout; pool; mb2ic32ih26kh2nhwc1 mb2ic64ih11kh2nhwc1 mb2ic32ih26kh2 mb2ic3ih7kh3sh1nhwc1; maxpool maxpool-bwd maxpoolrelu maxpoolrelu-bwd avgpool avgpool-bwd; -",
            "PoolingChannelVector; pool; mb2ic32ih26kh2nhwc1 mb2ic64ih11kh2nhwc1 mb2ic5ih9kh3sh2ph1nhwc1; maxpool maxpool-bwd maxpoolrelu maxpoolrelu-bwd avgpool avgpool-bwd; maxpoolrelu:mb2ic32ih26kh2",
            "PoolingRowVector; pool; mb2ic32ih26kh2 mb2ic64ih11kh2; maxpool maxpool-bwd maxpoolrelu maxpoolrelu-bwd avgpool avgpool-bwd; maxpoolrelu:mb2ic32ih26kh2nhwc1"})
    void productionShapesNeverReachTheReferenceTwin(String implementation, String family, String shapes, String passes,
                                                    String uncovered) {
        Family<?> kernels = family.equals("conv") ? Registry.CONV2D
                : family.equals("convrelupool") ? Registry.CONV_RELU_POOL : Registry.POOLING;
        Kernel kernel = kernels.named(implementation);
        long before = ReferenceHandOffs.count();
        for (String shape : shapes.split(" "))
            for (String pass : passes.split(" ")) run(kernel, pass + ":" + shape);
        assertEquals(before, ReferenceHandOffs.count(), implementation + " handed a production shape to its reference twin");
        if (uncovered.equals("-")) return;
        run(kernel, uncovered);
        assertTrue(ReferenceHandOffs.count() > before, implementation + " computed " + uncovered + " itself?");
    }

    private static void run(Kernel kernel, String descriptor) {
        Problem<?> problem = Problem.parse(descriptor);
        problem.bind(kernel, problem.prepare(7)).run();
    }
}
