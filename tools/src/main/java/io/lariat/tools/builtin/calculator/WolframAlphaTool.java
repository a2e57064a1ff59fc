package io.lariat.tools.builtin.calculator;

import io.lariat.json.PythonJson;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import io.lariat.tools.binding.JsonBinding;
import java.util.Objects;

/**
 * The built-in {@code wolfram_alpha} tool with the online Wolfram Alpha service behind the local calculator:
 * what the local {@link Calculator} answers exactly stays local; everything else (unit conversions, facts,
 * symbolic mathematics) goes to the service, behind a circuit breaker.
 *
 * <p>Thread-safe.
 */
public final class WolframAlphaTool {

    private final Calculator calculator = new Calculator();
    private final WolframAlphaClient client;

    /** Creates the tool over a configured client. */
    public WolframAlphaTool(WolframAlphaClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Answers locally when possible, else asks Wolfram Alpha. */
    @Tool(name = BuiltinTools.CALCULATOR, value = CalculatorTool.DESCRIPTION
            + " Also answers unit conversions and factual questions online.", idempotent = true, remote = true)
    public String wolframAlpha(@ToolParam(CalculatorTool.QUERY) String query) {
        CalculatorAnswer local;
        try {
            local = calculator.evaluate(query);
        } catch (CalculationException e) {
            return client.query(query);
        }
        return PythonJson.dumps(JsonBinding.mapper().valueToTree(local));
    }
}
