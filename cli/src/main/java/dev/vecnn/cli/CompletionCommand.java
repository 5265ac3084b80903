package dev.vecnn.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code vecnn completion bash|zsh}: picocli's completion script for every command and option.
 * zsh runs the same script through its bash compatibility layer, switched on first.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for vecnn's commands and options.",
                "bash: source <(./vecnn completion bash)   (add it to ~/.bashrc to keep it); "
                        + "zsh: source <(./vecnn completion zsh)   (in ~/.zshrc)."})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    private static final String ZSH_PREAMBLE = """
            autoload -U +X compinit && compinit
            autoload -U +X bashcompinit && bashcompinit
            """;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("vecnn", spec.root().commandLine());
        spec.commandLine().getOut().print(shell == Shell.zsh ? ZSH_PREAMBLE + script : script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
