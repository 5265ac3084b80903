package dev.vecnn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a newcomer's typing mistakes print: one line, picocli's suggestions, one hint, no internals. */
class ParserMessagesTest {
    @TempDir
    Path dir;

    private static String usageError(String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
        assertEquals("", run.out());
        return run.errorLine();
    }

    @Test
    void noCommandNamesTheCommandsAndHintsOnce() {
        String line = usageError();
        assertTrue(line.startsWith("vecnn: missing command: one of train, eval, predict,"), line);
        assertEquals(1, line.split("try ", -1).length - 1, line);
    }

    @Test
    void aMistypedCommandOrOptionGetsASuggestion() {
        assertEquals("vecnn: unknown command 'trian': did you mean 'train' or 'verify'? (try 'vecnn help')",
                usageError("trian"));
        assertEquals("vecnn: unknown option '--epoch': did you mean '--epochs'? (try 'vecnn train --help')",
                usageError("train", "--epoch", "3"));
    }

    @Test
    void helpIsACommand() {
        Cli.Run all = Cli.ok("help");
        assertTrue(all.out().contains("completion") && all.out().contains("./vecnn jmh"), all.out());
        assertTrue(Cli.ok("help", "train").out().contains("--epochs"));
    }

    @Test
    void exclusiveOptionsAreNamedNotShownAsGroupExpressions() {
        assertEquals("vecnn: --spec and --spec-file cannot be given together: choose one (try 'vecnn train --help')",
                usageError("train", "--spec", "dense(10)", "--spec-file", "x"));
        assertEquals("vecnn: give one of --spec, --spec-file or --model (try 'vecnn summary --help')", usageError("summary"));
    }

    @Test
    void aMissingAtFileIsNamed() {
        String line = usageError("train", "@" + dir.resolve("mnist.args"));
        assertTrue(line.startsWith("vecnn: no options file " + dir.resolve("mnist.args")), line);
    }

    @Test
    void anOptionAfterAnAtFileOverridesIt() throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.args"), """
                # spaces inside a value need quotes
                --spec "flatten dense(10)" --limit 100 --val-split 0
                --epochs 3 --batch-size 50
                """);
        Cli.Run run = Cli.ok("train", "@" + file, "--epochs", "1", "--out", dir.resolve("run").toString());
        assertTrue(run.out().contains("training  1 epoch of batch 50"), run.out());
    }

    @Test
    void theReadmesExampleAtFileTrains() {
        Cli.Run run = Cli.ok("train", "@../examples/mnist.args", "--epochs", "1", "--limit", "128", "--val-split", "0",
                "--out", dir.resolve("example").toString());
        assertTrue(run.out().contains("network   " + TrainCommand.REFERENCE_NETWORK), run.out());
        assertTrue(run.out().contains("training  1 epoch of batch 64, adam lr 0.002"), run.out());
    }

    @Test
    void completionScriptsForBashAndZsh() {
        String bash = Cli.ok("completion", "bash").out();
        assertTrue(bash.contains("complete -F") && bash.contains("train") && bash.contains("--epochs"), bash);
        String zsh = Cli.ok("completion", "zsh").out();
        assertTrue(zsh.startsWith("autoload -U +X compinit") && zsh.endsWith(bash), "zsh runs the bash script");
    }

    @Test
    void aBadVectorWidthIsOneLineSayingWhereToFixIt() {
        String before = System.getProperty("vecnn.simd");
        try {
            System.setProperty("vecnn.simd", "300");
            String problem = JvmChecks.problem();
            assertTrue(problem.contains("not '300'") && problem.contains("VECNN_JAVA_OPTS"), problem);
            System.setProperty("vecnn.simd", "");
            assertNull(JvmChecks.problem());
        } finally {
            if (before == null) System.clearProperty("vecnn.simd");
            else System.setProperty("vecnn.simd", before);
        }
    }

    @Test
    void outOfMemorySaysHowToGiveMore() {
        String message = JvmChecks.outOfMemory();
        assertTrue(message.contains("-Xmx") && message.contains("MB"), message);
        assertFalse(message.contains("\n"));
    }
}
