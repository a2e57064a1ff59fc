package io.lariat.examples;

import io.lariat.examples.demo.ConciergeTools;
import io.lariat.examples.researcher.BriefSearch;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.builtin.CodeInterpreterTool;
import io.lariat.tools.builtin.calculator.CalculatorTool;
import io.lariat.tools.builtin.python.CodeInterpreter;
import io.lariat.tools.builtin.python.PythonLimits;
import io.lariat.tools.builtin.search.SearchIndex;

/**
 * The offline implementations of the three built-in tools, plus the concierge's custom tools, created on first
 * use: the exact calculator, BM25 search over the bundled sample corpus, and the GraalPy sandbox.
 *
 * <p>Thread-safe. Closing it closes the search index and the Python interpreter, if they were created.
 */
public final class LocalTools implements AutoCloseable {

    private final CodeInterpreter.Builder python;
    private CalculatorTool calculator;
    private SearchIndex index;
    private BriefSearch search;
    private CodeInterpreter interpreter;
    private CodeInterpreterTool codeInterpreter;

    /**
     * Tools for one run (the CLI): creating the code interpreter (with the agent, after the model is loaded) starts
     * one Python worker, so the model's first call finds it warm (about 0.1 s instead of a cold start of 10 s and
     * more); it is not replaced once taken, as one run keeps one session.
     */
    public LocalTools() {
        this(CodeInterpreter.builder().limits(PythonLimits.defaults()).warmWorkers(1).replenishWarmWorkers(false));
    }

    private LocalTools(CodeInterpreter.Builder python) {
        this.python = python;
    }

    /** {@code wolfram_alpha}, answered by the exact local calculator. */
    public synchronized CalculatorTool calculator() {
        if (calculator == null) {
            calculator = new CalculatorTool();
        }
        return calculator;
    }

    /** {@code brave_search} over the bundled sample corpus (short results), indexed in memory on first use. */
    public synchronized BriefSearch search() {
        if (search == null) {
            index = SearchIndex.inMemory();
            index.indexSamples();
            search = new BriefSearch(index);
        }
        return search;
    }

    /** {@code code_interpreter}: Python in the GraalPy sandbox, with state per agent session. */
    public synchronized CodeInterpreterTool codeInterpreter() {
        if (codeInterpreter == null) {
            interpreter = python.build();
            codeInterpreter = new CodeInterpreterTool(interpreter);
        }
        return codeInterpreter;
    }

    /** A registry of every tool an example uses (the {@code tool} and {@code tools} commands run them from it). */
    public ToolRegistry registry() {
        return ToolRegistry.builder().builtin(calculator()).builtin(search()).builtin(codeInterpreter())
                .tools(new ConciergeTools()).build();
    }

    @Override
    public synchronized void close() {
        if (interpreter != null) {
            interpreter.close();
        }
        if (index != null) {
            index.close();
        }
    }
}
