package dev.vecnn.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command prints numbers the same way whatever the default locale: a German one writes 1.000,5 for 1,000.5. */
class GermanLocaleTest {
    /** A decimal comma between digits, as German formatting would print 0,1234 or 95,12 %. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d,\\d{1,2}(?!\\d)|\\d,\\d{4,}");

    @TempDir
    Path dir;

    private Locale before;

    @BeforeEach
    void german() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    private static String inLocale(Locale locale, String... args) {
        Locale.setDefault(locale);
        try {
            return Cli.ok(args).out();
        } finally {
            Locale.setDefault(Locale.GERMANY);
        }
    }

    @Test
    void deterministicCommandsPrintTheSameUnderRootAndGerman() {
        for (String[] args : new String[][] {{"summary", "--spec", TrainCommand.REFERENCE_NETWORK},
                {"verify", "--cases", "2", "--family", "dense"}, {"verify", "--cases", "2", "--family", "dense", "--json"}})
            assertEquals(inLocale(Locale.ROOT, args), inLocale(Locale.GERMANY, args), String.join(" ", args));
    }

    @Test
    void measuredFiguresUsePointsForDecimalsAndCommasForThousands() {
        String train = Cli.ok(TinyRun.args(dir.resolve("run"), 1)).out();
        assertTrue(train.contains("1,000 test images") && Pattern.compile("loss \\d\\.\\d{4}").matcher(train).find(), train);
        String eval = Cli.ok("eval", "--model", TinyRun.model().toString()).out();
        assertTrue(eval.contains("1,000 images") && Pattern.compile("test accuracy \\d+\\.\\d\\d%").matcher(eval).find(), eval);
        String predict = Cli.ok("predict", "--model", TinyRun.model().toString(), "--index", "0,1", "--top", "2").out();
        assertTrue(Pattern.compile("\\d+\\.\\d\\d%").matcher(predict).find(), predict);
        String bench = Cli.ok("bench", "--only", "gemm", "--quick", "--batch", "1", "--gemm-sizes", "8,13").out();
        assertTrue(Pattern.compile("\\d+\\.\\dx").matcher(bench).find(), bench);
        for (String out : new String[] {train, eval, predict, bench}) {
            String figures = out.replaceAll("\\([^)]*\\)", "()"); // layer arguments such as conv(4,3) are not figures
            assertFalse(DECIMAL_COMMA.matcher(figures).find(), "a decimal comma in:\n" + out);
        }
    }
}
