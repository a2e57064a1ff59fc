package io.lariat.prompts.parse;

import java.util.List;

/**
 * The literal names of the chat special tokens as they appear in decoded output, and their removal from content.
 */
final class SpecialText {

    static final String EOM = "<|eom_id|>";
    static final String EOT = "<|eot_id|>";
    static final String END_OF_TEXT = "<|end_of_text|>";
    static final String PYTHON_TAG = "<|python_tag|>";
    /** Every special name that can show up in a generation; content never keeps any of them (spec §9.1). */
    static final List<String> ALL = List.of("<|begin_of_text|>", END_OF_TEXT, "<|start_header_id|>",
            "<|end_header_id|>", EOM, EOT, PYTHON_TAG, "<|finetune_right_pad_id|>");

    private SpecialText() {
    }

    static String remove(String text) {
        String out = text;
        for (String name : ALL) {
            out = out.replace(name, "");
        }
        return out;
    }
}
