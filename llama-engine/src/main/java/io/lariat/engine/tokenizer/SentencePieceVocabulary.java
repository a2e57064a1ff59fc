package io.lariat.engine.tokenizer;

import java.util.List;
import java.util.Objects;

/**
 * A SentencePiece vocabulary ({@code tokenizer.ggml.model = llama}, the Llama 2 family): token texts with
 * {@code ▁} (U+2581) for spaces, a score per token (higher merges first), and {@code <0xXX>} byte tokens for
 * characters the vocabulary lacks. The arrays are copied, so the record is immutable.
 *
 * @param tokens         token texts, index = id
 * @param scores         score per token, same length as {@code tokens}
 * @param tokenTypes     GGUF token type per token, same length as {@code tokens}
 * @param bosId          id of the beginning-of-text token, or -1
 * @param eosId          id of the end-of-text token, or -1
 * @param addSpacePrefix whether a space goes before each fragment of ordinary text (the input, or text after a special token)
 */
public record SentencePieceVocabulary(List<String> tokens, float[] scores, int[] tokenTypes, int bosId, int eosId,
                                      boolean addSpacePrefix) implements Vocabulary {

    /** Validates and copies the components; throws {@link TokenizerException} when they disagree. */
    public SentencePieceVocabulary {
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        scores = Objects.requireNonNull(scores, "scores").clone();
        if (scores.length != tokens.size()) {
            throw new TokenizerException("%d scores for %d tokens".formatted(scores.length, tokens.size()));
        }
        tokenTypes = Vocabularies.checkedTypes(tokens, tokenTypes);
        Vocabularies.checkId("bos", bosId, tokens.size());
        Vocabularies.checkId("eos", eosId, tokens.size());
    }

    /** The scores (a copy). */
    @Override
    public float[] scores() {
        return scores.clone();
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
