package dev.vecnn.kernels;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips every test of a run whose forced vector width ({@code -Dvecnn.simd}) is wider than this
 * machine's widest float vector (a 256-bit run on a CPU with 128-bit vectors only, such as ARM
 * NEON), and says so once on the console: such a width cannot run here, which is no failure of the
 * kernels. Registered for every test class through JUnit's extension auto-detection.
 */
public final class WidthAvailable implements ExecutionCondition {
    private static final ConditionEvaluationResult RESULT = evaluate();

    private static ConditionEvaluationResult evaluate() {
        int forced = SimdSetting.forcedBits();
        if (forced <= 0 || !SimdSetting.vectorModulePresent()) return ConditionEvaluationResult.enabled("no width forced");
        int widest = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        if (forced <= widest) return ConditionEvaluationResult.enabled(forced + "-bit vectors run here");
        String reason = "-Dvecnn.simd=" + forced + " is wider than this machine's widest float vector (" + widest
                + " bits): the tests at " + forced + " bits are skipped";
        System.out.println("[WARNING] vecnn: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return RESULT;
    }
}
