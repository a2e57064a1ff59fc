package io.lariat.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an agent as an interface that the Lariat extension implements; inject it with {@code @Inject}.
 *
 * <p>Each abstract method takes the session id and the user's message, both {@code String}, and returns the final
 * answer as {@code String} (blocking: never call it on the event loop), {@code Uni<String>}, or the whole run as
 * {@code Multi<io.lariat.agent.AgentEvent>} to stream tokens and tool calls. Calls with the same session id continue
 * one conversation. The agent runs on {@code lariat.model}, and {@code GET /agents} lists it beside the configured
 * ones. Every rule is checked at build time; a broken declaration fails the build naming the interface or
 * {@code Interface#method}.
 * <pre>{@code
 * @LariatAgent(name = "shop", systemPrompt = "You help customers of the shop.", tools = OrderTools.class)
 * public interface ShopAgent {
 *     String ask(String sessionId, String message);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LariatAgent {

    /** The agent's name, as {@code /agents/{name}} serves it; unique among agents. */
    String name();

    /** The system prompt; empty means the agent builder's default. */
    String systemPrompt() default "";

    /** Bean classes whose {@code @Tool} methods the agent may call. */
    Class<?>[] tools() default {};

    /** Llama 3.1 built-in tools by name: {@code brave_search}, {@code wolfram_alpha}, {@code code_interpreter}. */
    String[] builtins() default {};
}
