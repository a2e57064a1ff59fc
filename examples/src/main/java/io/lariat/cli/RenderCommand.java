package io.lariat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.ChatTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat render --model FILE --input conv.json [--ids]}: renders {@code apply_chat_template}'s arguments with
 * the model's own chat template and prints the prompt exactly (special tokens literal, nothing added), or its ids.
 */
@Command(name = "render", description = "Render a conversation with the model's chat template (prompt text or ids).")
final class RenderCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file or model name.")
    String model;

    @Option(names = "--input", required = true, description = "JSON: {\"messages\": [...], \"tools\": [...], "
            + "\"template_vars\": {...}, \"add_generation_prompt\": true}.")
    Path input;

    @Option(names = "--ids", description = "Print a JSON array of token ids instead of the text.")
    boolean ids;

    @Override
    public Integer call() {
        JsonNode conversation = Json.parse(read(input), input.toString());
        if (!conversation.path("messages").isArray()) {
            throw new CliException(input + ": expected an object with a \"messages\" array");
        }
        try (GgufFile file = GgufFile.open(root.console().stores().resolve(model))) {
            if (!file.metadata().contains(ChatTemplate.METADATA_KEY)) {
                throw new CliException(file.path() + " has no chat template (" + ChatTemplate.METADATA_KEY + ")");
            }
            ChatTemplate template = ChatTemplate.fromGguf(file);
            if (ids) {
                int[] tokens = template.renderIds(conversation, Tokenizer.fromGguf(file));
                root.console().out().println(Arrays.toString(tokens).replace(" ", ""));
            } else {
                root.console().out().print(template.render(conversation));
                root.console().out().flush();
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
