package io.lariat.tools.builtin;

import io.lariat.tools.BuiltinTools;
import io.lariat.tools.Tool;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolException;
import io.lariat.tools.ToolParam;
import io.lariat.tools.ToolResult;
import io.lariat.tools.ToolSessionState;
import io.lariat.tools.builtin.python.CodeInterpreter;
import io.lariat.tools.builtin.python.CodeInterpreterException;
import io.lariat.tools.builtin.python.CodeRunResult;
import io.lariat.tools.builtin.python.PythonSession;
import java.util.Objects;

/**
 * The built-in {@code code_interpreter} tool: runs the model's Python in a GraalPy sandbox whose state (variables,
 * functions, imports) persists across calls within one agent session, like a notebook, and is discarded when the
 * session's {@link ToolContext} closes.
 *
 * <p>The result is the spec's code-result text ({@code completed}/{@code failed} with {@code [stdout]} and
 * {@code [stderr]} sections, spec §5.3); a run that raised or was stopped is an error result ({@link ToolResult#error()}
 * set) whose text carries the traceback. The interpreter (its warm context pool) is shared and owned by the caller.
 * Thread-safe.
 */
public final class CodeInterpreterTool {

    private final CodeInterpreter interpreter;

    /** Creates the tool over a shared interpreter, which the caller closes at shutdown. */
    public CodeInterpreterTool(CodeInterpreter interpreter) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
    }

    /**
     * Runs one cell in the session's Python state. The sandbox enforces its own CPU and wall limits; the longer tool
     * timeout only bounds the first call of a session, which may wait for a worker process to start.
     */
    @Tool(name = BuiltinTools.CODE_INTERPRETER, value = "Runs Python 3 code in a sandbox (no files, network or "
            + "subprocesses) and returns what it printed and the value of its last expression. Variables persist "
            + "between calls in the same conversation.", timeout = "2m")
    public ToolResult codeInterpreter(@ToolParam("Python source code to run") String code, ToolContext context) {
        PythonState state = context.state(PythonState.class, () -> new PythonState(interpreter.open()));
        CodeRunResult run;
        try {
            run = state.session().run(code);
        } catch (CodeInterpreterException e) {
            // No free worker within the budget, or none could start: the model (and the user) read why.
            throw new ToolException(e.getMessage(), e);
        }
        String content = run.toToolContent();
        return run.succeeded() ? ToolResult.success(content) : ToolResult.error(content);
    }

    /** The session's Python state, closed with the agent session. */
    record PythonState(PythonSession session) implements ToolSessionState {
        @Override
        public void close() {
            session.close();
        }
    }
}
