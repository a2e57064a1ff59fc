package io.lariat.tools.builtin;

import io.lariat.tools.BuiltinTools;
import io.lariat.tools.builtin.calculator.CalculatorTool;
import io.lariat.tools.builtin.calculator.WolframAlphaClient;
import io.lariat.tools.builtin.calculator.WolframAlphaTool;
import io.lariat.tools.builtin.python.CodeInterpreter;
import io.lariat.tools.builtin.search.BraveSearchClient;
import io.lariat.tools.builtin.search.BraveSearchTool;
import io.lariat.tools.builtin.search.IndexProgress;
import io.lariat.tools.builtin.search.SearchIndex;
import io.lariat.tools.builtin.search.SearchTool;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The three built-in tools, backed as {@link BuiltinOptions} says, ready to register:
 * {@code ToolRegistry.builder().builtin(builtins.tool(BuiltinTools.SEARCH))}.
 *
 * <p>Owns the local search index and the Python interpreter (created on first use, since its worker processes take
 * seconds to start); close it at shutdown. Thread-safe.
 */
public final class Builtins implements AutoCloseable {

    private final BuiltinOptions options;
    private final CodeInterpreter.Builder python;
    private final IndexProgress progress;
    private SearchIndex index;
    private CodeInterpreter interpreter;
    private Object search;
    private Object calculator;
    private Object codeInterpreter;

    private Builtins(BuiltinOptions options, CodeInterpreter.Builder python, IndexProgress progress) {
        this.options = options;
        this.python = python;
        this.progress = progress;
    }

    /**
     * Creates the built-ins with the Python sandbox's defaults; nothing is started until a tool is first asked for.
     *
     * @param progress told about each file while the search index is brought up to date
     */
    public static Builtins create(BuiltinOptions options, IndexProgress progress) {
        return create(options, CodeInterpreter.builder(), progress);
    }

    /**
     * Creates the built-ins; nothing is started until a tool is first asked for.
     *
     * @param python   the Python sandbox's limits, budget and pool, built when {@code code_interpreter} is first used
     * @param progress told about each file while the search index is brought up to date
     */
    public static Builtins create(BuiltinOptions options, CodeInterpreter.Builder python, IndexProgress progress) {
        return new Builtins(Objects.requireNonNull(options, "options"), Objects.requireNonNull(python, "python"),
                Objects.requireNonNull(progress, "progress"));
    }

    /**
     * The tool object implementing a built-in.
     *
     * @param name one of {@link BuiltinTools#NAMES}
     * @throws IllegalArgumentException for any other name
     */
    public synchronized Object tool(String name) {
        return switch (name) {
            case BuiltinTools.SEARCH -> search();
            case BuiltinTools.CALCULATOR -> calculator();
            case BuiltinTools.CODE_INTERPRETER -> codeInterpreter();
            default -> throw new IllegalArgumentException("unknown built-in tool '" + name + "'; expected one of "
                    + String.join(", ", BuiltinTools.NAMES.stream().sorted().toList()));
        };
    }

    private Object search() {
        if (search == null) {
            if (options.braveApiKey() != null) {
                search = new BraveSearchTool(BraveSearchClient.create(options.braveApiKey()), options.searchResults());
            } else {
                search = new SearchTool(localIndex(), options.searchResults());
            }
        }
        return search;
    }

    private SearchIndex localIndex() {
        if (index == null) {
            index = options.searchIndexDir() == null ? SearchIndex.inMemory()
                    : SearchIndex.open(options.searchIndexDir());
            if (options.sampleCorpus()) {
                index.indexSamples();
            }
            for (Path folder : options.searchFolders()) {
                index.index(folder, progress);
            }
        }
        return index;
    }

    private Object calculator() {
        if (calculator == null) {
            calculator = options.wolframAppId() == null ? new CalculatorTool()
                    : new WolframAlphaTool(WolframAlphaClient.create(options.wolframAppId()));
        }
        return calculator;
    }

    private Object codeInterpreter() {
        if (codeInterpreter == null) {
            interpreter = python.build();
            codeInterpreter = new CodeInterpreterTool(interpreter);
        }
        return codeInterpreter;
    }

    /** Closes the search index and the Python interpreter, if they were started. */
    @Override
    public synchronized void close() {
        if (interpreter != null) {
            interpreter.close();
            interpreter = null;
        }
        if (index != null) {
            index.close();
            index = null;
        }
        search = null;
        codeInterpreter = null;
    }
}
