package dev.vecnn.cli;

import dev.vecnn.kernels.check.CaseResult;
import dev.vecnn.kernels.check.Verifier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void printsOneRowPerFamilyAndPasses() {
        assertEquals(0, run("verify", "--cases", "3", "--seed", "5"), err::toString);
        String text = out.toString();
        for (String family : Verifier.familyNames())
            assertTrue(Pattern.compile("(?m)^" + family + " +3 .* ok$").matcher(text).find(), family + " row in\n" + text);
        assertTrue(text.contains("family") && text.contains("max abs error") && text.contains("worst shape"), text);
        assertTrue(text.contains("All kernels match their references."), text);
    }

    private static final List<String> FAMILY_KEYS =
            List.of("name", "cases", "comparisons", "failures", "maxAbsError", "maxRelError", "worstShape", "failed");

    @Test
    void jsonHoldsTheVerdictAndEveryFamily() {
        assertEquals(0, run("verify", "--cases", "2", "--json"), err::toString);
        Map<?, ?> json = JsonOutput.object(out.toString());
        assertEquals(List.of("passed", "vectorBits", "families"), List.copyOf(json.keySet()));
        assertEquals(true, json.get("passed"));
        List<String> names = new ArrayList<>();
        for (Object entry : (List<?>) json.get("families")) {
            Map<?, ?> family = (Map<?, ?>) entry;
            assertEquals(FAMILY_KEYS, List.copyOf(family.keySet()));
            assertEquals(2.0, family.get("cases"));
            assertEquals(0.0, family.get("failures"));
            assertTrue((Double) family.get("maxRelError") >= 0, family.toString());
            names.add((String) family.get("name"));
        }
        assertEquals(Verifier.familyNames(), names);
    }

    /** The option's description is written by hand, so a family added to the registry must be added there too. */
    @Test
    void theHelpNamesEveryFamily() {
        assertEquals(0, run("verify", "--help"), err::toString);
        String help = out.toString().replaceAll("\\s+", " ");
        for (String family : Verifier.familyNames())
            assertTrue(Pattern.compile("(: |, |or )" + family + "(,| or|\\.)").matcher(help).find(), family + " in\n" + out);
    }

    @Test
    void oneFamilyOnly() {
        assertEquals(0, run("verify", "--cases", "4", "--family", "pooling", "--json"), err::toString);
        List<?> families = (List<?>) JsonOutput.object(out.toString()).get("families");
        assertEquals(1, families.size(), out::toString);
        assertEquals("pooling", ((Map<?, ?>) families.get(0)).get("name"));
        assertEquals(4.0, ((Map<?, ?>) families.get(0)).get("cases"));
    }

    @Test
    void rerunsOneProblem() {
        assertEquals(0, run("verify", "--problem", "conv:mb2ic3ih7oc5kh3ph1", "--seed", "9"), err::toString);
        assertTrue(out.toString().contains("conv:mb2ic3ih7oc5kh3ph1"), out.toString());
    }

    @Test
    void anUnknownFamilyIsOneLineAndExitTwo() {
        assertEquals(2, run("verify", "--family", "convolution"));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("vecnn: unknown family 'convolution' for --family (expected one of gemm,"), message);
    }

    @Test
    void aBadProblemNamesTheBadPart() {
        assertEquals(2, run("verify", "--problem", "conv:ic3ih5oc2kh3zz1"));
        assertTrue(err.toString().contains("unknown parameter at 'zz1'"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void casesMustBePositive() {
        assertEquals(2, run("verify", "--cases", "0"));
        assertTrue(err.toString().contains("--cases must be at least 1"), err.toString());
    }

    @Test
    void aFailedFamilyMakesTheJsonVerdictFalseAndInfiniteErrorsNull() {
        Verifier.Summary failed = new Verifier.Summary("gemm", 3, 6, 1, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, "gemm:m1n1k1", List.of());
        Map<?, ?> json = JsonOutput.object(Json.text(VerifyCommand.json(false, List.of(failed))));
        assertEquals(false, json.get("passed"));
        Map<?, ?> family = (Map<?, ?>) ((List<?>) json.get("families")).get(0);
        assertEquals(FAMILY_KEYS, List.copyOf(family.keySet()));
        assertTrue(family.containsKey("maxAbsError") && family.get("maxAbsError") == null, family.toString());
        assertTrue(family.containsKey("maxRelError") && family.get("maxRelError") == null, family.toString());
    }

    @Test
    void eachFailureHasWhatRerunsItAndTheTextEndsWithTheCommand() {
        CaseResult failure = new CaseResult("gemm:m5n7k9", "Sgemm8x2vFma", -42, true, 256, false, 1000, 0.9,
                "c[0,0]: reference 1.0, optimised 1.5 (1 more elements wrong)", new CaseResult.Element("c[2,3]", 1.5, 1001.5));
        Verifier.Summary gemm = Verifier.summarise("gemm", 1, List.of(failure));
        Map<?, ?> json = JsonOutput.object(Json.text(VerifyCommand.json(false, List.of(gemm))));
        Map<?, ?> failed = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) json.get("families")).get(0)).get("failed")).get(0);
        assertEquals(List.of("descriptor", "implementation", "seed", "integerInputs", "vectorBits", "failure", "worst", "rerun"),
                List.copyOf(failed.keySet()));
        assertEquals("gemm:m5n7k9", failed.get("descriptor"));
        assertEquals(-42.0, failed.get("seed"));
        assertEquals(256.0, failed.get("vectorBits"));
        assertEquals(Map.of("name", "c[2,3]", "reference", 1.5, "optimised", 1001.5), failed.get("worst"));
        assertEquals("vecnn verify --problem gemm:m5n7k9 --seed -42", failed.get("rerun"));
        assertEquals("vecnn verify --problem gemm:m5n7k9 --seed -42", VerifyCommand.rerunCommand(failure));
    }

    @Test
    void withTheSimdKernelsOffNothingIsComparedAndItSaysSo() throws InterruptedException {
        try (ChildVecnn verify = ChildVecnn.start(List.of("-Dvecnn.simd=0"), "verify", "--cases", "1")) {
            assertEquals(1, verify.exitCode(), verify.err());
            assertEquals("vecnn: the simd kernels are off (-Dvecnn.simd=0), so each reference would only be compared with "
                    + "itself: nothing was verified\n", verify.err());
            assertEquals("", verify.out());
        }
    }
}
