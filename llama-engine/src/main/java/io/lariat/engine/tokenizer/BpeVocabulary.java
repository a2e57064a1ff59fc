package io.lariat.engine.tokenizer;

import java.util.List;
import java.util.Objects;

/**
 * A byte-level BPE vocabulary ({@code tokenizer.ggml.model = gpt2}): token texts in GPT-2 byte-to-unicode form,
 * and merges as {@code "left right"} strings in rank order. The arrays are copied, so the record is immutable.
 *
 * @param tokens     token texts, index = id
 * @param merges     BPE merges, index = rank (lower merges first)
 * @param tokenTypes GGUF token type per token, same length as {@code tokens}
 * @param bosId      id of the beginning-of-text token, or -1
 * @param eosId      id of the end-of-text token, or -1
 */
public record BpeVocabulary(List<String> tokens, List<String> merges, int[] tokenTypes, int bosId, int eosId)
        implements Vocabulary {

    /** Validates and copies the components; throws {@link TokenizerException} when they disagree. */
    public BpeVocabulary {
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        merges = List.copyOf(Objects.requireNonNull(merges, "merges"));
        tokenTypes = Vocabularies.checkedTypes(tokens, tokenTypes);
        Vocabularies.checkId("bos", bosId, tokens.size());
        Vocabularies.checkId("eos", eosId, tokens.size());
    }

    /** The token types (a copy). */
    @Override
    public int[] tokenTypes() {
        return tokenTypes.clone();
    }

    @Override
    public int tokenType(int id) {
        return tokenTypes[id];
    }
}
