package io.lariat.tools.builtin.calculator;

import java.util.Map;
import java.util.Set;

/** The names the calculator knows: functions with their accepted argument counts, aliases and constants. */
final class Functions {

    /** Canonical function name → {minimum, maximum} argument count. */
    static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("sqrt", new int[] {1, 1}), Map.entry("cbrt", new int[] {1, 1}),
            Map.entry("root", new int[] {2, 2}), Map.entry("exp", new int[] {1, 1}),
            Map.entry("ln", new int[] {1, 1}), Map.entry("log", new int[] {1, 2}),
            Map.entry("log2", new int[] {1, 1}), Map.entry("log10", new int[] {1, 1}),
            Map.entry("sin", new int[] {1, 1}), Map.entry("cos", new int[] {1, 1}),
            Map.entry("tan", new int[] {1, 1}), Map.entry("asin", new int[] {1, 1}),
            Map.entry("acos", new int[] {1, 1}), Map.entry("atan", new int[] {1, 1}),
            Map.entry("sinh", new int[] {1, 1}), Map.entry("cosh", new int[] {1, 1}),
            Map.entry("tanh", new int[] {1, 1}), Map.entry("abs", new int[] {1, 1}),
            Map.entry("floor", new int[] {1, 1}), Map.entry("ceil", new int[] {1, 1}),
            Map.entry("round", new int[] {1, 2}), Map.entry("factorial", new int[] {1, 1}),
            Map.entry("gcd", new int[] {2, 2}), Map.entry("lcm", new int[] {2, 2}),
            Map.entry("mod", new int[] {2, 2}), Map.entry("binomial", new int[] {2, 2}),
            Map.entry("max", new int[] {1, 64}), Map.entry("min", new int[] {1, 64}),
            Map.entry("pow", new int[] {2, 2}));

    /** Alternative spellings → canonical names. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("arcsin", "asin"), Map.entry("arccos", "acos"), Map.entry("arctan", "atan"),
            Map.entry("choose", "binomial"), Map.entry("ncr", "binomial"), Map.entry("ceiling", "ceil"),
            Map.entry("lg", "log10"), Map.entry("fact", "factorial"), Map.entry("squareroot", "sqrt"));

    /** Named constants. */
    static final Set<String> CONSTANTS = Set.of("pi", "e", "tau", "phi");

    private Functions() {
    }

    static String canonical(String name) {
        String lower = name.toLowerCase();
        return ALIASES.getOrDefault(lower, lower);
    }

    /** Whether commas inside this function's parentheses separate arguments (not thousands). */
    static boolean takesSeveral(String name) {
        int[] arity = ARITY.get(canonical(name));
        return arity != null && arity[1] > 1;
    }
}
