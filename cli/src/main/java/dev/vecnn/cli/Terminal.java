package dev.vecnn.cli;

import java.io.Console;

/** Whether standard output is an interactive terminal, where progress bars may redraw a line. */
final class Terminal {
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
}
