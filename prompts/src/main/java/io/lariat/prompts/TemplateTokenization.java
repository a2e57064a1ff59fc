package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokenizes a rendered chat template so that only the template's own special tokens become special ids (spec §1.2):
 * before rendering, every {@code <|} inside message and tool strings is swapped for a private-use character that
 * occurs nowhere in the input; after rendering, the text is split at the special-token names that remain, and each
 * piece is restored and encoded in one pass, as HF tokenizes a rendered template.
 */
final class TemplateTokenization {

    private static final Pattern SPECIAL_NAME = Pattern.compile("<\\|[A-Za-z0-9_]+\\|>");
    private static final Map<String, Integer> SPECIALS = Map.of(
            SpecialTokens.BEGIN_OF_TEXT_NAME, SpecialTokens.BEGIN_OF_TEXT,
            SpecialTokens.END_OF_TEXT_NAME, SpecialTokens.END_OF_TEXT,
            SpecialTokens.START_HEADER_NAME, SpecialTokens.START_HEADER,
            SpecialTokens.END_HEADER_NAME, SpecialTokens.END_HEADER,
            SpecialTokens.EOM_NAME, SpecialTokens.EOM,
            SpecialTokens.EOT_NAME, SpecialTokens.EOT,
            SpecialTokens.PYTHON_TAG_NAME, SpecialTokens.PYTHON_TAG);

    private TemplateTokenization() {
    }

    static int[] renderIds(ChatTemplate template, JsonNode conversation, Tokenizer tokenizer) {
        String sentinel = unusedCharacter(conversation.toString());
        ObjectNode escaped = conversation.deepCopy();
        for (String field : List.of("messages", "tools")) {
            if (escaped.has(field)) {
                escaped.set(field, escape(escaped.get(field), sentinel));
            }
        }
        String text = template.render(escaped);
        List<Integer> ids = new ArrayList<>();
        Matcher special = SPECIAL_NAME.matcher(text);
        int from = 0;
        while (special.find()) {
            Integer id = SPECIALS.get(special.group());
            if (id == null) {
                continue;
            }
            encode(text.substring(from, special.start()), sentinel, tokenizer, ids);
            ids.add(id);
            from = special.end();
        }
        encode(text.substring(from), sentinel, tokenizer, ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void encode(String piece, String sentinel, Tokenizer tokenizer, List<Integer> ids) {
        if (!piece.isEmpty()) {
            for (int id : tokenizer.encode(piece.replace(sentinel, "<|"))) {
                ids.add(id);
            }
        }
    }

    private static JsonNode escape(JsonNode node, String sentinel) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.textValue().replace("<|", sentinel));
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> e.setValue(escape(e.getValue(), sentinel)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, escape(array.get(i), sentinel));
            }
        }
        return node;
    }

    /** A private-use character absent from the text, so that restoring it cannot touch real content. */
    private static String unusedCharacter(String text) {
        for (char c = '\uE000'; c <= '\uF8FF'; c++) {
            if (text.indexOf(c) < 0) {
                return String.valueOf(c);
            }
        }
        throw new PromptException("conversation uses every private-use character; cannot protect special names");
    }
}
