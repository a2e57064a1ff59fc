package io.lariat.cli;

import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.prompts.parse.ToolCallParser;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat parse}: reads one model output from stdin (special tokens literal) and prints
 * {@code {"tool_calls":[...],"content":...,"stop":"eom"|"eot"|"length"}}.
 *
 * <p>Line breaks after a final stop token are dropped: a model's output ends at its stop token, and what follows is
 * the newline that {@code echo} or a here-string adds, which would otherwise make the turn look truncated.
 */
@Command(name = "parse", description = "Parse one model output (stdin) into tool calls, content and stop reason.")
final class ParseCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    private static final List<String> STOP_NAMES =
            List.of(SpecialTokens.EOM_NAME, SpecialTokens.EOT_NAME, SpecialTokens.END_OF_TEXT_NAME);

    @Override
    public Integer call() {
        String text = withoutNewlinesAfterStop(Stdin.readAll(root.console().in()));
        root.console().out().println(Json.write(ToolCallParser.parse(text).toJson()));
        return 0;
    }

    static String withoutNewlinesAfterStop(String text) {
        String stripped = text.replaceFirst("[\\r\\n]+$", "");
        return STOP_NAMES.stream().anyMatch(stripped::endsWith) ? stripped : text;
    }
}
