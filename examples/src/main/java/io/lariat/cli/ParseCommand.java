package io.lariat.cli;

import io.lariat.prompts.parse.ToolCallParser;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat parse}: reads one model output from stdin (special tokens literal) and prints
 * {@code {"tool_calls":[...],"content":...,"stop":"eom"|"eot"|"length"}}.
 */
@Command(name = "parse", description = "Parse one model output (stdin) into tool calls, content and stop reason.")
final class ParseCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Override
    public Integer call() {
        String text = Stdin.readAll(root.console().in());
        root.console().out().println(Json.write(ToolCallParser.parse(text).toJson()));
        return 0;
    }
}
