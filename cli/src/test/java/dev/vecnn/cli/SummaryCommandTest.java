package dev.vecnn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryCommandTest {
    @TempDir
    Path dir;

    @Test
    void theReferenceNetworkHasItsKnownShapesAndParameterCount() {
        List<String> lines = Cli.ok("summary", "--spec", TrainCommand.REFERENCE_NETWORK).lines();
        assertEquals(13, lines.size(), "header, input, ten layers, total");
        assertTrue(lines.get(1).contains("input") && lines.get(1).contains("1x28x28"), lines.get(1));
        assertTrue(lines.get(2).matches("1\\s+conv\\(32,3\\)\\s+32x26x26\\s+320\\s+\\d\\.\\d{3}"), lines.get(2));
        assertTrue(lines.get(6).matches("5\\s+relu\\s+64x11x11\\s+0\\s+\\S+"), lines.get(6));
        assertTrue(lines.get(8).matches("7\\s+flatten\\s+1600\\s+0\\s+\\S+"), lines.get(8));
        assertTrue(lines.get(12).matches("\\s+total\\s+225,034\\s+\\d+\\.\\d{3}"), lines.get(12));
    }

    @Test
    void jsonHoldsEveryLayerAndTheTotals() {
        java.util.Map<?, ?> json = JsonOutput.object(Cli.ok("summary", "--spec", TrainCommand.REFERENCE_NETWORK, "--json").out());
        assertEquals(List.of("input", "layers", "parameters", "mflops"), List.copyOf(json.keySet()));
        assertEquals("1x28x28", json.get("input"));
        assertEquals(225_034.0, json.get("parameters"));
        List<?> layers = (List<?>) json.get("layers");
        assertEquals(10, layers.size());
        java.util.Map<?, ?> first = (java.util.Map<?, ?>) layers.get(0);
        assertEquals(List.of("layer", "output", "parameters", "mflops"), List.copyOf(first.keySet()));
        assertEquals("conv(32,3)", first.get("layer"));
        assertEquals("32x26x26", first.get("output"));
        assertEquals(320.0, first.get("parameters"));
    }

    @Test
    void aSpecFileAndAnInputShape() throws IOException {
        Path file = Files.writeString(dir.resolve("net.txt"), "conv(8,3,pad=same) relu   # keeps 14x14\nmaxpool(2)\nflatten dense(5)\n");
        List<String> lines = Cli.ok("summary", "--spec-file", file.toString(), "--input", "3x14x14").lines();
        assertTrue(lines.get(1).contains("3x14x14"), lines.get(1));
        assertTrue(lines.get(2).contains("8x14x14"), lines.get(2));
        assertTrue(lines.get(6).contains("5"), lines.get(6));
    }

    @Test
    void aModelFileGivesTheTableOfItsSpec() {
        String fromModel = Cli.ok("summary", "--model", TinyRun.model().toString()).out();
        assertEquals(Cli.ok("summary", "--spec", TinyRun.SPEC).out(), fromModel);
    }

    @Test
    void mistakesGetOneLineAndExitCodeTwo() {
        Object[][] cases = {
                {"dense needs a flat input", new String[] {"summary", "--spec", "dense(10)"}},
                {"bad shape '1x28'", new String[] {"summary", "--spec", "flatten dense(10)", "--input", "1x28"}},
                {"--input comes from the model file", new String[] {"summary", "--model", TinyRun.model().toString(), "--input", "1x8x8"}},
                {"give one of --spec, --spec-file or --model", new String[] {"summary"}},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[1];
            Cli.Run run = Cli.run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + "\n" + run.err());
            assertTrue(run.errorLine().contains((String) c[0]), run.err());
        }
    }
}
