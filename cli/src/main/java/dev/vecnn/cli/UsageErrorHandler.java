package dev.vecnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bad option or argument: one line naming it, with picocli's "did you mean" suggestions for a
 * mistyped command or option, and one hint pointing at the command's help; picocli's usage exit
 * code (2). Picocli's messages for option groups spell out its internal group expressions; they are
 * rewritten here in the options' own names.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    private static final int MAX_SUGGESTIONS = 3;
    /** An option as picocli's group messages name it when it was given: {--index=1}. */
    private static final Pattern GIVEN_OPTION = Pattern.compile("\\{(--?[\\w-]+)");
    /** An option with its label, as picocli names the members of a group: --spec=SPEC. */
    private static final Pattern OPTION_WITH_LABEL = Pattern.compile("(--?[\\w-]+)=");

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String help = command.getSubcommands().isEmpty() ? name + " --help" : "vecnn help";
        command.getErr().println("vecnn: " + message(ex) + " (try '" + help + "')");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String message(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) return unmatched(unmatched);
        boolean nested = ex.getMessage().contains("expected only one match");
        if (nested || ex.getMessage().contains("mutually exclusive")) {
            Set<String> given = new LinkedHashSet<>();
            Matcher m = (nested ? GIVEN_OPTION : OPTION_WITH_LABEL).matcher(ex.getMessage());
            while (m.find()) given.add(m.group(1));
            if (given.size() >= 2) return String.join(" and ", given) + " cannot be given together: choose one";
        }
        if (ex instanceof CommandLine.MissingParameterException missing && ex.getMessage().contains("|"))
            return "give one of " + orList(names(missing.getMissing()));
        return ex.getMessage().replaceFirst("^Error: ", "");
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException ex) {
        String first = ex.getUnmatched().get(0);
        if (first.startsWith("@") && first.length() > 1 && !Files.exists(Path.of(first.substring(1))))
            return "no options file " + first.substring(1) + " (from " + first + "; an @-file holds options as they are "
                    + "typed on the command line)";
        CommandLine command = ex.getCommandLine();
        String what = ex.isUnknownOption() ? "unknown option '" + first + "'"
                : !command.getSubcommands().isEmpty() ? "unknown command '" + first + "'"
                : "unexpected argument '" + first + "'";
        List<String> suggestions = ex.getSuggestions();
        if (suggestions.isEmpty()) return what;
        List<String> quoted = new ArrayList<>();
        for (String s : suggestions.subList(0, Math.min(MAX_SUGGESTIONS, suggestions.size()))) quoted.add("'" + s + "'");
        return what + ": did you mean " + orList(quoted) + "?";
    }

    /** "a", "a or b", "a, b or c". */
    private static String orList(List<String> items) {
        if (items.size() <= 1) return String.join("", items);
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static List<String> names(List<ArgSpec> specs) {
        List<String> names = new ArrayList<>();
        for (ArgSpec spec : specs)
            names.add(spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel());
        return names;
    }
}
