package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.ArrayRule;
import io.lariat.prompts.grammar.SchemaRule.ChoiceRule;
import io.lariat.prompts.grammar.SchemaRule.ObjectRule;
import io.lariat.prompts.grammar.SchemaRule.RefRule;
import io.lariat.prompts.grammar.SchemaRule.SequenceRule;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Refuses references that lead back to themselves before any byte is written ({@code {"$ref": "#"}} at the root, or
 * an anyOf that contains its own reference): starting such a value would never end. Recursion through an object or
 * array is fine, since the brace or bracket is written first.
 */
final class RuleCycles {
    private RuleCycles() {
    }

    static void check(SchemaRule root) {
        Set<SchemaRule> done = Collections.newSetFromMap(new IdentityHashMap<>());
        visit(root, done, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void visit(SchemaRule rule, Set<SchemaRule> done, Set<SchemaRule> starting) {
        if (done.contains(rule)) {
            return;
        }
        if (!starting.add(rule)) {
            String ref = rule instanceof RefRule r ? r.ref : "#";
            throw new SchemaGrammarException(ref, "$ref cycle that never writes a value");
        }
        switch (rule) {
            case RefRule ref -> visit(ref.target, done, starting);
            case ChoiceRule choice -> {
                for (SchemaRule option : choice.options) {
                    visit(option, done, starting);
                }
            }
            case SequenceRule sequence -> visit(sequence.parts[0], done, starting);
            default -> {
            }
        }
        starting.remove(rule);
        done.add(rule);
        // nested values start only after a byte was written, so they begin a fresh path
        switch (rule) {
            case ObjectRule object -> {
                for (SchemaRule value : object.data.values()) {
                    visit(value, done, Collections.newSetFromMap(new IdentityHashMap<>()));
                }
                if (object.data.additional() != null) {
                    visit(object.data.additional(), done, Collections.newSetFromMap(new IdentityHashMap<>()));
                }
            }
            case ArrayRule array -> visit(array.items, done, Collections.newSetFromMap(new IdentityHashMap<>()));
            default -> {
            }
        }
    }
}
