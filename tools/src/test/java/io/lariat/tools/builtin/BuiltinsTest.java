package io.lariat.tools.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.binding.JsonBinding;
import io.lariat.tools.builtin.calculator.CalculatorTool;
import io.lariat.tools.builtin.calculator.WolframAlphaTool;
import io.lariat.tools.builtin.search.BraveSearchTool;
import io.lariat.tools.builtin.search.SearchTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinsTest {

    @TempDir
    Path temp;

    @Test
    void offlineBuiltinsSearchSamplesAndUserFolders() throws IOException {
        Path docs = Files.createDirectories(temp.resolve("docs"));
        Files.writeString(docs.resolve("team.md"), "# Team\n\nThe on-call engineer this week is Ada Lovelace.");
        List<String> progress = new ArrayList<>();
        BuiltinOptions options = new BuiltinOptions(temp.resolve("index"), List.of(docs), true, 3, " ", null);
        try (Builtins builtins = Builtins.create(options, (done, total, file, changed) ->
                progress.add(done + "/" + total + " " + file.getFileName() + " " + changed))) {
            ToolRegistry registry = ToolRegistry.builder().builtin(builtins.tool(BuiltinTools.SEARCH))
                    .builtin(builtins.tool(BuiltinTools.CALCULATOR)).build();
            assertInstanceOf(SearchTool.class, builtins.tool(BuiltinTools.SEARCH));
            assertInstanceOf(CalculatorTool.class, builtins.tool(BuiltinTools.CALCULATOR));
            assertEquals(List.of("1/1 team.md true"), progress);
            String found = registry.invoke(BuiltinTools.SEARCH, JsonNodeFactory.instance.objectNode()
                    .put("query", "who is on-call"), ToolContext.standalone()).await().atMost(Duration.ofSeconds(10))
                    .content();
            assertEquals("{\"title\":\"Team\",\"url\":\"" + docs.resolve("team.md").toAbsolutePath()
                    + "\",\"snippet\":\"The on-call engineer this week is Ada Lovelace.\"}",
                    JsonBinding.mapper().readTree(found).get(0).toString());
        }
    }

    @Test
    void configuredServicesReplaceOrBackTheLocalTools() {
        BuiltinOptions options = new BuiltinOptions(null, List.of(), false, 5, "brave-key", "wolfram-id");
        try (Builtins builtins = Builtins.create(options, (done, total, file, changed) -> { })) {
            assertInstanceOf(BraveSearchTool.class, builtins.tool(BuiltinTools.SEARCH));
            assertInstanceOf(WolframAlphaTool.class, builtins.tool(BuiltinTools.CALCULATOR));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builtins.tool("photogen"));
            assertEquals("unknown built-in tool 'photogen'; expected one of brave_search, code_interpreter, "
                    + "wolfram_alpha", e.getMessage());
        }
    }
}
