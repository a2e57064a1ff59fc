package io.lariat.prompts.parse;

import io.lariat.engine.tokenizer.SpecialTokens;

import java.util.List;

/**
 * The literal names of the chat special tokens as they appear in decoded output, and their removal from content.
 */
final class SpecialText {

    static final String EOM = SpecialTokens.EOM_NAME;
    static final String EOT = SpecialTokens.EOT_NAME;
    static final String END_OF_TEXT = SpecialTokens.END_OF_TEXT_NAME;
    static final String PYTHON_TAG = SpecialTokens.PYTHON_TAG_NAME;
    /** Every special name that can show up in a generation; content never keeps any of them (spec §9.1). */
    static final List<String> ALL = List.of(SpecialTokens.BEGIN_OF_TEXT_NAME, END_OF_TEXT,
            SpecialTokens.START_HEADER_NAME, SpecialTokens.END_HEADER_NAME, EOM, EOT, PYTHON_TAG);

    private SpecialText() {
    }

    /** Removes every special name, repeating until none is left, since a removal can join the halves of another. */
    static String remove(String text) {
        String out = text;
        String before;
        do {
            before = out;
            for (String name : ALL) {
                out = out.replace(name, "");
            }
        } while (!out.equals(before));
        return out;
    }
}
