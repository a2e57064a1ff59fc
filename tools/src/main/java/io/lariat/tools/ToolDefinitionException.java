package io.lariat.tools;

/**
 * Thrown at registration when a tool is declared wrongly: it names the method and the rule it breaks.
 *
 * <p>Example message: {@code WeatherTools#forecast: parameter 'days' has invalid default "ten": expected an integer}.
 */
public final class ToolDefinitionException extends RuntimeException {

    private final String method;
    private final String rule;

    /**
     * Creates the exception.
     *
     * @param method the offending method as {@code SimpleClassName#method} (or the class alone)
     * @param rule the broken rule, in words
     */
    public ToolDefinitionException(String method, String rule) {
        super(method + ": " + rule);
        this.method = method;
        this.rule = rule;
    }

    /** The offending method as {@code SimpleClassName#method}. */
    public String method() {
        return method;
    }

    /** The broken rule, in words. */
    public String rule() {
        return rule;
    }
}
