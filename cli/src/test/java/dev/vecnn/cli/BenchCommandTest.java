package dev.vecnn.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The structure of {@code vecnn bench}'s output at tiny sizes; timings are never asserted. */
class BenchCommandTest {
    private static final String[] TINY = {"--quick", "--batch", "1", "--gemm-sizes", "8,13"};

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void jsonHoldsThePeakAndOneEntryPerKernelAndShape() {
        Run run = run(concat(new String[] {"bench", "--json", "--copies", "2", "--only", "gemm,losses,dropout"}, TINY));
        assertEquals(0, run.exitCode(), run.err());

        Map<?, ?> root = assertInstanceOf(Map.class, JsonOutput.parse(run.out()), run.out());
        assertEquals(List.of("peakGflops", "copies", "vectorBits", "kernels"), List.copyOf(root.keySet()));
        assertEquals(2.0, root.get("copies"));
        assertInstanceOf(Double.class, root.get("peakGflops"));
        List<?> kernels = assertInstanceOf(List.class, root.get("kernels"));

        List<String> rows = new ArrayList<>();
        for (Object entry : kernels) {
            Map<?, ?> kernel = assertInstanceOf(Map.class, entry);
            assertEquals(List.of("name", "shape", "referenceGflops", "simdGflops", "simdBytesPerCall"),
                    List.copyOf(kernel.keySet()));
            String name = assertInstanceOf(String.class, kernel.get("name"));
            String shape = assertInstanceOf(String.class, kernel.get("shape"));
            assertInstanceOf(Double.class, kernel.get("referenceGflops"), name + " " + shape);
            assertInstanceOf(Double.class, kernel.get("simdGflops"), name + " " + shape);
            rows.add(name + " " + shape);
        }
        assertEquals(List.of("losses.softmaxCrossEntropy softmax-xent:c10", "dropout.apply dropout:n128",
                "gemm gemm:m8n8k8", "gemm gemm:m13n13k13"), rows);
    }

    @Test
    void tablePrintsThePeakThenOneRowPerKernelOfTheChosenFamilies() {
        Run run = run(concat(new String[] {"bench", "--only", "gemm,dropout"}, TINY));
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("vector FMA peak: "), lines.get(0));
        assertTrue(lines.get(1).startsWith("simd kernels: "), lines.get(1));
        List<String> rows = lines.stream().filter(line -> line.startsWith("gemm ") || line.startsWith("dropout.")).toList();
        assertEquals(3, rows.size(), run.out());
        assertTrue(rows.get(1).contains("gemm:m8n8k8") && rows.get(2).contains("gemm:m13n13k13"), run.out());
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("conv2d.")), run.out());
    }

    @Test
    void badOptionsGetOneLineAndExitCodeTwo() {
        for (String[] args : List.of(new String[] {"bench", "--copies", "0"}, new String[] {"bench", "--copies", "x"},
                new String[] {"bench", "--threads", "2"}, new String[] {"bench", "--kernels", "simd"},
                new String[] {"bench", "--batch", "0"}, new String[] {"bench", "--batch", "100000"},
                new String[] {"bench", "--gemm-sizes", "64,-1"}, new String[] {"bench", "--gemm-sizes", "50000"},
                new String[] {"bench", "--only", "gemm,nope"}, new String[] {"bench", "--no-such-option"})) {
            Run run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("vecnn: "), run.err());
            assertEquals("", run.out());
        }
        assertTrue(run(new String[] {"bench", "--threads", "2"}).err().contains("it needs --train or --infer (for copies of each kernel "
                + "running at once: --copies N)"));
    }
}
