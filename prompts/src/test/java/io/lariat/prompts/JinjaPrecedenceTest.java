package io.lariat.prompts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JinjaPrecedenceTest {

    @Test
    void notTakesTheWholeComparisonAsItsOperand() {
        assertEquals("{%- if not (message.tool_calls|length == 1) %}",
                JinjaPrecedence.parenthesizeNot("{%- if not message.tool_calls|length == 1 %}"));
    }

    @Test
    void notStopsAtAndOrAndClosingBrackets() {
        assertEquals("{{ a and not (b == 1) or (not (c))}}",
                JinjaPrecedence.parenthesizeNot("{{ a and not b == 1 or (not c)}}"));
    }

    @Test
    void isNotAndNotInAndStringsAndPlainTextAreLeftAlone() {
        String source = "not here {{ x is not none }}{{ 'not a' not in y }}{% set s = \"not %}\" %}";
        assertEquals(source, JinjaPrecedence.parenthesizeNot(source));
    }

    @Test
    void nestedNotsAreEachWrapped() {
        assertEquals("{{ not (not (x is defined)) }}", JinjaPrecedence.parenthesizeNot("{{ not not x is defined }}"));
    }
}
