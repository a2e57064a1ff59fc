package io.lariat.prompts;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.lariat.json.PythonJson;
import io.lariat.prompts.render.Strftime;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Python-isms HF chat templates rely on, supplied to Jinjava: {@code raise_exception}, {@code strftime_now},
 * {@code tojson} with Python's separators and indent, the {@code items} filter, and {@code is iterable} /
 * {@code is sequence} that count strings as Jinja does.
 */
final class TemplateExtensions {

    /** The context variable holding the clock of {@code strftime_now}; also makes {@code strftime_now is defined}. */
    static final String CLOCK_VARIABLE = "strftime_now";
    /** The start of the problem text of a template's own {@code raise_exception}. */
    static final String RAISED = "chat template raised: ";

    private TemplateExtensions() {
    }

    static ELFunctionDefinition raiseException() {
        return new ELFunctionDefinition("", "raise_exception", TemplateExtensions.class, "raise", String.class);
    }

    static ELFunctionDefinition strftimeNow() {
        return new ELFunctionDefinition("", "strftime_now", TemplateExtensions.class, "strftime", String.class);
    }

    /** {@code raise_exception(message)}: the template refuses the conversation. */
    public static String raise(String message) {
        throw new PromptException(RAISED + message);
    }

    /** {@code strftime_now(format)} at the clock of the rendering (the context's {@link #CLOCK_VARIABLE}). */
    public static String strftime(String format) {
        Object clock = JinjavaInterpreter.getCurrent().getContext().get(CLOCK_VARIABLE);
        Clock source = clock instanceof Clock c ? c : Clock.systemDefaultZone();
        return Strftime.format(format, ZonedDateTime.now(source));
    }

    /** {@code value | tojson} and {@code value | tojson(indent=N)} as Python's {@code json.dumps} writes them. */
    static Filter toJson() {
        return new Filter() {
            @Override
            public String getName() {
                return "tojson";
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
                return PythonJson.dumps(var, indent == null ? -1 : Integer.parseInt(indent.toString()));
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return filter(var, interpreter, args, Map.of());
            }
        };
    }

    /** {@code mapping | items}: the key/value pairs, which two-variable for loops unpack. */
    static Filter items() {
        return new Filter() {
            @Override
            public String getName() {
                return "items";
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                if (!(var instanceof Map<?, ?> map)) {
                    throw new PromptException("chat template: items applied to a non-mapping: " + var);
                }
                List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
                return entries;
            }
        };
    }

    /** Jinja counts strings as iterable; Jinjava's own test does not, which would skip the HF template's tojson. */
    static ExpTest iterable() {
        return new ExpTest() {
            @Override
            public String getName() {
                return "iterable";
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
                return var instanceof CharSequence || var instanceof Iterable<?> || var instanceof Map<?, ?>
                        || (var != null && var.getClass().isArray());
            }
        };
    }
}
