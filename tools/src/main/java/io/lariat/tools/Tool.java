package io.lariat.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean or plain object as a tool the model may call.
 *
 * <p>The method's parameters become the tool's JSON Schema (see {@link ToolParam}); a parameter of type
 * {@link ToolContext} is injected instead and does not appear in the schema. The method may return {@code String}
 * (passed to the model as raw text), a {@link ToolResult} (when the tool itself decides that the call failed, e.g. the
 * code interpreter on a Python exception), any record or POJO (written as compact JSON), {@code void}, or a
 * {@code Uni}/{@code CompletionStage} of those for non-blocking tools. Blocking methods run on virtual threads.
 * Everything is checked when the tool is registered; problems raise {@link ToolDefinitionException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** What the tool does, written for the model; never empty. */
    String value();

    /** The tool's name; empty means the snake_case form of the method name. Must match {@code [a-zA-Z0-9_-]{1,64}}. */
    String name() default "";

    /** Whether calling twice has the same effect as calling once; only idempotent tools are retried on failure. */
    boolean idempotent() default false;

    /** Whether the tool calls a remote service; remote tools run behind a circuit breaker. */
    boolean remote() default false;

    /**
     * Per-call time limit such as {@code "10s"}, {@code "500ms"}, {@code "2m"} or an ISO-8601 duration; empty means
     * the registry's default ({@link ToolOptions#timeout()}).
     */
    String timeout() default "";
}
