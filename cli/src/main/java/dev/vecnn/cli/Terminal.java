package dev.vecnn.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Whether standard output is an interactive terminal, where progress bars may redraw a line, and how wide it is. */
final class Terminal {
    private static final int DEFAULT_WIDTH = 80;

    private Terminal() {}

    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) return false;
        try {
            // From Java 22 on, a Console exists even when output is redirected; isTerminal() tells them apart.
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21: a Console exists only when input and output are the terminal.
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Columns of the terminal, as {@code stty size} reads them from it; 80 where that does not work (Windows). */
    static int width() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stty.waitFor(1, TimeUnit.SECONDS) || stty.exitValue() != 0) return DEFAULT_WIDTH;
            String[] rowsAndColumns = size.split("\\s+");
            int columns = rowsAndColumns.length == 2 ? Integer.parseInt(rowsAndColumns[1]) : 0;
            return columns > 0 ? columns : DEFAULT_WIDTH;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }
}
