package io.lariat.engine.tokenizer;

import java.util.List;
import java.util.Objects;

/**
 * A byte-level BPE vocabulary as GGUF stores it: token texts in GPT-2 byte-to-unicode form, merges as
 * {@code "left right"} strings in rank order, and a token type per token.
 *
 * <p>Token types use the GGUF codes ({@link #NORMAL}, {@link #CONTROL}, {@link #USER_DEFINED}…); control and
 * user-defined tokens are special: their text is a literal name, never produced by ordinary encoding.
 * {@code bosId} and {@code eosId} are -1 when the vocabulary has none. The arrays are copied, so the record
 * is immutable.
 *
 * @param tokens     token texts, index = id
 * @param merges     BPE merges, index = rank (lower merges first)
 * @param tokenTypes GGUF token type per token, same length as {@code tokens}
 * @param bosId      id of the beginning-of-text token, or -1
 * @param eosId      id of the end-of-text token, or -1
 */
public record Vocabulary(List<String> tokens, List<String> merges, int[] tokenTypes, int bosId, int eosId) {

    /** GGUF token type of an ordinary token. */
    public static final int NORMAL = 1;
    /** GGUF token type of the unknown token. */
    public static final int UNKNOWN = 2;
    /** GGUF token type of a control token such as {@code <|eot_id|>}. */
    public static final int CONTROL = 3;
    /** GGUF token type of a token added by the user, matched by its literal text. */
    public static final int USER_DEFINED = 4;
    /** GGUF token type of a reserved, unused token. */
    public static final int UNUSED = 5;
    /** GGUF token type of a raw byte token ({@code <0x0A>}) in SentencePiece vocabularies. */
    public static final int BYTE = 6;

    /** Validates and copies the components; throws {@link TokenizerException} when they disagree. */
    public Vocabulary {
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        merges = List.copyOf(Objects.requireNonNull(merges, "merges"));
        tokenTypes = Objects.requireNonNull(tokenTypes, "tokenTypes").clone();
        if (tokenTypes.length != tokens.size()) {
            throw new TokenizerException("%d token types for %d tokens".formatted(tokenTypes.length, tokens.size()));
        }
        checkId("bos", bosId, tokens.size());
        checkId("eos", eosId, tokens.size());
    }

    /** The token types (a copy). */
    @Override
    public int[] tokenTypes() {
        return tokenTypes.clone();
    }

    /** Whether token {@code id} is special: a control or user-defined token. */
    public boolean isSpecial(int id) {
        return tokenTypes[id] == CONTROL || tokenTypes[id] == USER_DEFINED;
    }

    private static void checkId(String what, int id, int size) {
        if (id < -1 || id >= size) {
            throw new TokenizerException("%s id %d outside the vocabulary of %d tokens".formatted(what, id, size));
        }
    }
}
