package io.lariat.engine.tokenizer;

import io.lariat.engine.gguf.GgufFile;
import java.util.List;

/**
 * A tokenizer vocabulary as GGUF stores it: byte-level BPE ({@link BpeVocabulary}, Llama 3) or SentencePiece
 * ({@link SentencePieceVocabulary}, Llama 2 family).
 *
 * <p>Token types use the GGUF codes ({@link #NORMAL}, {@link #CONTROL}, {@link #USER_DEFINED}…); control and
 * user-defined tokens are special: their text is a literal name, never produced by ordinary encoding. Ids are -1
 * when the vocabulary has no such token. Implementations are immutable records.
 */
public sealed interface Vocabulary permits BpeVocabulary, SentencePieceVocabulary {

    /** GGUF token type of an ordinary token. */
    int NORMAL = 1;
    /** GGUF token type of the unknown token. */
    int UNKNOWN = 2;
    /** GGUF token type of a control token such as {@code <|eot_id|>}. */
    int CONTROL = 3;
    /** GGUF token type of a token added by the user, matched by its literal text. */
    int USER_DEFINED = 4;
    /** GGUF token type of a reserved, unused token. */
    int UNUSED = 5;
    /** GGUF token type of a raw byte token ({@code <0x0A>}) in SentencePiece vocabularies. */
    int BYTE = 6;

    /** Token texts, index = id, as stored in the file. */
    List<String> tokens();

    /** GGUF token type of token {@code id}. */
    int tokenType(int id);

    /** Id of the beginning-of-text token, or -1. */
    int bosId();

    /** Id of the end-of-text token, or -1. */
    int eosId();

    /** Whether token {@code id} is special: a control or user-defined token. */
    default boolean isSpecial(int id) {
        int type = tokenType(id);
        return type == CONTROL || type == USER_DEFINED;
    }

    /**
     * Reads the vocabulary of a GGUF file: {@code tokenizer.ggml.tokens}, {@code .token_type} (all normal when
     * absent), {@code .bos_token_id} / {@code .eos_token_id} (-1 when absent), and per model: for {@code gpt2},
     * {@code .merges}; for {@code llama}, {@code .scores} and {@code .add_space_prefix} (true when absent).
     *
     * @throws TokenizerException when the file has no vocabulary, or one this tokenizer cannot reproduce exactly:
     *         {@code tokenizer.ggml.model} must be {@code gpt2} with a Llama 3 split ({@code tokenizer.ggml.pre =
     *         llama-bpe}; a missing {@code pre} is taken as Llama 3, as in files converted before the key existed),
     *         or {@code llama} (SentencePiece)
     * @throws io.lariat.engine.gguf.GgufFormatException when a tokenizer key holds a value of the wrong type
     */
    static Vocabulary fromGguf(GgufFile file) {
        return Vocabularies.fromMetadata(file.metadata(), file.path().toString());
    }
}
