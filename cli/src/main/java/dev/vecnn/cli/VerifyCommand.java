package dev.vecnn.cli;

import dev.vecnn.kernels.Registry;
import dev.vecnn.kernels.SimdSetting;
import dev.vecnn.kernels.check.CaseResult;
import dev.vecnn.kernels.check.Problem;
import dev.vecnn.kernels.check.Verifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vecnn verify}: every simd kernel against its plain-loop reference on random problems,
 * with the same runner and tolerance as the test suite. Exit code 1 when any case fails, or when
 * the simd kernels are off, which leaves nothing to compare. Each failure says its descriptor,
 * seed, vector width and worst element, and the command that reruns it alone.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare every optimised kernel with its reference twin on random problems.",
                "Each failure prints the problem's descriptor; rerun it alone with --problem."})
final class VerifyCommand implements Callable<Integer> {
    static final int FAILED = 1;
    /** Failure lines printed below the table; the table's counts are always complete. */
    private static final int SHOWN_FAILURES = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cases", defaultValue = "200", paramLabel = "N",
            description = "Random problems per family (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the problems and their data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--family", paramLabel = "NAME",
            description = "Only this family: gemm, im2col, conv2d, convrelupool, pooling, dense, activations, losses, "
                    + "batchnorm, dropout, optimizers or taps.")
    String family;

    @Option(names = "--problem", paramLabel = "DESCRIPTOR",
            description = "Rerun one problem, e.g. conv:mb2ic3ih13oc8kh3ph1, against every implementation of its family.")
    String problem;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (!Registry.SIMD_ENABLED)
            // Without the Vector API module the registry has already said so on stderr.
            throw new UserError("the simd kernels are off" + (SimdSetting.forcedBits() == 0 ? " (-Dvecnn.simd=0)" : "")
                    + ", so each reference would only be compared with itself: nothing was verified");
        if (cases < 1) throw Usage.error(spec, "--cases must be at least 1, not " + cases);
        if (family != null && !Verifier.familyNames().contains(family))
            throw Usage.error(spec, "unknown family '" + family + "' for --family (expected one of "
                    + String.join(", ", Verifier.familyNames()) + ")");
        List<Verifier.Summary> summaries = problem == null ? new Verifier().run(cases, seed, family) : rerun();
        boolean passed = summaries.stream().allMatch(Verifier.Summary::passed);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) Json.print(out, json(passed, summaries));
        else printTable(out, summaries, passed);
        out.flush();
        return passed ? 0 : FAILED;
    }

    private List<Verifier.Summary> rerun() {
        Problem<?> parsed;
        try {
            parsed = Problem.parse(problem);
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
        List<CaseResult> results = new Verifier().runProblem(parsed, seed);
        return List.of(Verifier.summarise(parsed.family().name(), 1, results));
    }

    private void printTable(PrintWriter out, List<Verifier.Summary> summaries, boolean passed) {
        out.println("Kernels against their references: " + (problem == null ? cases + " random problems per family"
                : "problem " + problem) + ", seed " + seed + ", " + Verifier.vectorWidth() + ".");
        String[] header = {"family", "cases", "max abs error", "max rel error", "worst shape", "verdict"};
        String[][] rows = new String[summaries.size()][];
        for (int i = 0; i < rows.length; i++) {
            Verifier.Summary s = summaries.get(i);
            rows[i] = new String[]{s.family(), Integer.toString(s.cases()), number(s.maxAbsError()),
                    number(s.maxRelError()), s.worstDescriptor(),
                    s.passed() ? "ok" : "FAILED " + s.failures() + " of " + s.comparisons()};
        }
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) widths[c] = Math.max(widths[c], row[c].length());
        }
        out.println(line(header, widths));
        for (String[] row : rows) out.println(line(row, widths));
        int shown = 0;
        CaseResult first = null;
        for (Verifier.Summary s : summaries)
            for (CaseResult failure : s.failed()) {
                if (first == null) first = failure;
                if (shown++ < SHOWN_FAILURES) out.println("  " + failure.report() + worst(failure));
            }
        out.println(passed ? "All kernels match their references." : "Some kernels differ from their references; "
                + "rerun the first failure alone with: " + rerunCommand(first));
    }

    /** The worst wrong element of a failure, e.g. " (worst c[2,3]: reference 1.5, optimised 1001.5)", if it has one. */
    private static String worst(CaseResult failure) {
        CaseResult.Element e = failure.worst();
        return e == null ? "" : " (worst " + e.name() + ": reference " + (float) e.reference() + ", optimised "
                + (float) e.optimised() + ")";
    }

    /** The command that reruns one case: its problem and seed, at the vector width it ran at. */
    static String rerunCommand(CaseResult failure) {
        return Launcher.widthPrefix() + Launcher.name() + " verify " + failure.rerunArguments();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = c >= 1 && c <= 3;
            String format = "%" + (numeric ? "" : "-") + widths[c] + "s";
            text.append(String.format(Locale.ROOT, format, cells[c]));
            if (c < cells.length - 1) text.append("  ");
        }
        return text.toString().stripTrailing();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2e", value) : "inf";
    }

    /**
     * The JSON document: every family's counts and worst errors (null where not finite: a NaN, or a
     * kernel that threw), and its failed cases (the first 20), each with what reruns it.
     */
    record Report(boolean passed, int vectorBits, List<FamilyResult> families) {}

    record FamilyResult(String name, int cases, int comparisons, int failures, double maxAbsError,
                                double maxRelError, String worstShape, List<Failure> failed) {}

    /** {@code worst} is null for a failure without a wrong value (a kernel that threw or wrote out of bounds). */
    record Failure(String descriptor, String implementation, long seed, boolean integerInputs, int vectorBits,
                   String failure, CaseResult.Element worst, String rerun) {}

    static Report json(boolean passed, List<Verifier.Summary> summaries) {
        return new Report(passed, Registry.simdVectorBits(), summaries.stream().map(s -> new FamilyResult(s.family(),
                s.cases(), s.comparisons(), s.failures(), s.maxAbsError(), s.maxRelError(), s.worstDescriptor(),
                s.failed().stream().map(f -> new Failure(f.descriptor(), f.implementation(), f.seed(), f.integers(),
                        f.vectorBits(), f.failure(), f.worst(), rerunCommand(f))).toList())).toList());
    }
}
