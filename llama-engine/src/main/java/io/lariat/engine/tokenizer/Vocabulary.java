package io.lariat.engine.tokenizer;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

    /** Values of {@code tokenizer.ggml.pre} that name the Llama 3 split pattern (llama.cpp's aliases). */
    private static final Set<String> LLAMA3_PRE_TOKENIZERS = Set.of("llama-bpe", "llama3", "llama-v3");

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

    /**
     * Reads the vocabulary of a GGUF file: {@code tokenizer.ggml.tokens}, {@code .merges}, {@code .token_type}
     * (all normal when absent) and {@code .bos_token_id} / {@code .eos_token_id} (-1 when absent).
     *
     * @throws TokenizerException when the file has no vocabulary, or one this tokenizer cannot reproduce exactly:
     *         {@code tokenizer.ggml.model} must be {@code gpt2} and {@code tokenizer.ggml.pre} a Llama 3 split
     *         ({@code llama-bpe}); a missing {@code pre} is taken as Llama 3, as in files converted before the key
     *         existed
     * @throws io.lariat.engine.gguf.GgufFormatException when a tokenizer key holds a value of the wrong type
     */
    public static Vocabulary fromGguf(GgufFile file) {
        return fromMetadata(file.metadata(), file.path().toString());
    }

    /** As {@link #fromGguf}, from metadata; {@code source} names where it came from in messages. */
    static Vocabulary fromMetadata(GgufMetadata metadata, String source) {
        String model = metadata.findString("tokenizer.ggml.model").orElseThrow(() -> new TokenizerException(
                source + ": no tokenizer.ggml.model; the file holds no vocabulary"));
        if (!model.equals("gpt2")) {
            throw new TokenizerException("%s: tokenizer.ggml.model = %s is not supported (only gpt2, byte-level BPE)"
                    .formatted(source, model));
        }
        String pre = metadata.findString("tokenizer.ggml.pre").orElse("llama-bpe");
        if (!LLAMA3_PRE_TOKENIZERS.contains(pre)) {
            throw new TokenizerException("%s: tokenizer.ggml.pre = %s is not supported (only llama-bpe, Llama 3)"
                    .formatted(source, pre));
        }
        List<String> tokens = metadata.strings("tokenizer.ggml.tokens");
        int[] types = metadata.findInts("tokenizer.ggml.token_type").orElseGet(() -> {
            int[] normal = new int[tokens.size()];
            Arrays.fill(normal, NORMAL);
            return normal;
        });
        return new Vocabulary(tokens, metadata.findStrings("tokenizer.ggml.merges").orElse(List.of()), types,
                (int) metadata.findInteger("tokenizer.ggml.bos_token_id").orElse(-1),
                (int) metadata.findInteger("tokenizer.ggml.eos_token_id").orElse(-1));
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
