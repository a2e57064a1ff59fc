package io.lariat.prompts.grammar;

/**
 * One compiled rule of the grammar. Rules are identity objects (never records) on purpose: automaton frames hold
 * them and are hashed and compared millions of times, and a recursive schema makes rule graphs cyclic. The two leaf
 * rules that carry only numbers, {@link StringRule} and {@link NumberRule}, compare by value instead, so that equal
 * string and number positions of different grammars share their token masks ({@link TokenMasks}).
 */
sealed interface SchemaRule {

    /** Unbounded count. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * An object: known properties (at most 64, one bit each), required ones, and what other keys may hold.
     *
     * @param names      property names
     * @param keyBytes   per property: its JSON-escaped name followed by the closing quote
     * @param values     per property: its value rule
     * @param required   bit i set when names[i] is required
     * @param additional rule of values under other keys, or null when other keys are forbidden
     */
    record ObjectRuleData(String[] names, byte[][] keyBytes, SchemaRule[] values, long required,
                          SchemaRule additional) {
    }

    /** A JSON object. */
    final class ObjectRule implements SchemaRule {
        final ObjectRuleData data;
        final long all;

        ObjectRule(ObjectRuleData data) {
            this.data = data;
            this.all = data.names().length == 64 ? -1L : (1L << data.names().length) - 1;
        }

        boolean complete(long seen) {
            return (seen & data.required()) == data.required();
        }

        boolean canAddKey(long seen) {
            return data.additional() != null || (all & ~seen) != 0;
        }

        SchemaRule valueRule(int property) {
            return property < 0 ? data.additional() : data.values()[property];
        }
    }

    /** A JSON array of {@code items}, with {@code min} to {@code max} elements. */
    final class ArrayRule implements SchemaRule {
        final SchemaRule items;
        final int min;
        final int max;

        ArrayRule(SchemaRule items, int min, int max) {
            this.items = items;
            this.min = min;
            this.max = max;
        }
    }

    /** A JSON string of {@code min} to {@code max} code points. */
    final class StringRule implements SchemaRule {
        final int min;
        final int max;

        StringRule(int min, int max) {
            this.min = min;
            this.max = max;
        }

        /** Whether frames must count characters (else the count stays 0, so more frames are equal and cached). */
        boolean counts() {
            return min > 0 || max != UNBOUNDED;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StringRule s && s.min == min && s.max == max;
        }

        @Override
        public int hashCode() {
            return 31 * min + max;
        }
    }

    /** A JSON number, or an integer within {@code [min, max]}. */
    final class NumberRule implements SchemaRule {
        final boolean integer;
        final long min;
        final long max;

        NumberRule(boolean integer, long min, long max) {
            this.integer = integer;
            this.min = min;
            this.max = max;
        }

        boolean bounded() {
            return min != Long.MIN_VALUE || max != Long.MAX_VALUE;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NumberRule n && n.integer == integer && n.min == min && n.max == max;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(integer) + 31 * Long.hashCode(min) + 961 * Long.hashCode(max);
        }
    }

    /** One of a fixed set of byte strings (enum, const, true, false, null, or fixed call text). */
    final class LiteralRule implements SchemaRule {
        final byte[][] values;

        LiteralRule(byte[][] values) {
            this.values = values;
        }
    }

    /** Any one of the options (anyOf, oneOf, a list of types). */
    final class ChoiceRule implements SchemaRule {
        SchemaRule[] options;

        ChoiceRule(SchemaRule[] options) {
            this.options = options;
        }
    }

    /** The parts one after the other (used for builtin-call syntax, never produced from a schema). */
    final class SequenceRule implements SchemaRule {
        final SchemaRule[] parts;

        SequenceRule(SchemaRule[] parts) {
            this.parts = parts;
        }
    }

    /** A {@code $ref}; its target is set once the referenced schema is compiled (references may be recursive). */
    final class RefRule implements SchemaRule {
        final String ref;
        SchemaRule target;

        RefRule(String ref) {
            this.ref = ref;
        }
    }
}
