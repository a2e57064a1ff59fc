package io.lariat.engine.tokenizer;

import io.lariat.engine.gguf.GgufMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reading vocabularies from GGUF metadata, and the checks every vocabulary record shares. */
final class Vocabularies {

    /** Values of {@code tokenizer.ggml.pre} that name the Llama 3 split pattern (llama.cpp's aliases). */
    private static final Set<String> LLAMA3_PRE_TOKENIZERS = Set.of("llama-bpe", "llama3", "llama-v3");

    private Vocabularies() {
    }

    /** See {@link Vocabulary#fromGguf}; {@code source} names where the metadata came from in messages. */
    static Vocabulary fromMetadata(GgufMetadata metadata, String source) {
        String model = metadata.findString("tokenizer.ggml.model").orElseThrow(() -> new TokenizerException(
                source + ": no tokenizer.ggml.model; the file holds no vocabulary"));
        if (!model.equals("gpt2") && !model.equals("llama")) {
            throw new TokenizerException(
                    "%s: tokenizer.ggml.model = %s is not supported (only gpt2, byte-level BPE, and llama, SentencePiece)"
                            .formatted(source, model));
        }
        String pre = metadata.findString("tokenizer.ggml.pre").orElse("llama-bpe");
        if (model.equals("gpt2") && !LLAMA3_PRE_TOKENIZERS.contains(pre)) {
            throw new TokenizerException("%s: tokenizer.ggml.pre = %s is not supported (only llama-bpe, Llama 3)"
                    .formatted(source, pre));
        }
        List<String> tokens = metadata.strings("tokenizer.ggml.tokens");
        int[] types = metadata.findInts("tokenizer.ggml.token_type").orElseGet(() -> {
            int[] normal = new int[tokens.size()];
            Arrays.fill(normal, Vocabulary.NORMAL);
            return normal;
        });
        int bos = (int) metadata.findInteger("tokenizer.ggml.bos_token_id").orElse(-1);
        int eos = (int) metadata.findInteger("tokenizer.ggml.eos_token_id").orElse(-1);
        if (model.equals("gpt2")) {
            return new BpeVocabulary(tokens, metadata.findStrings("tokenizer.ggml.merges").orElse(List.of()),
                    types, bos, eos);
        }
        return new SentencePieceVocabulary(tokens, metadata.floats("tokenizer.ggml.scores"), types, bos, eos,
                metadata.findBool("tokenizer.ggml.add_space_prefix").orElse(true));
    }

    /** A copy of {@code types}, checked to have one entry per token. */
    static int[] checkedTypes(List<String> tokens, int[] types) {
        Objects.requireNonNull(types, "tokenTypes");
        if (types.length != tokens.size()) {
            throw new TokenizerException("%d token types for %d tokens".formatted(types.length, tokens.size()));
        }
        return types.clone();
    }

    static void checkId(String what, int id, int size) {
        if (id < -1 || id >= size) {
            throw new TokenizerException("%s id %d outside the vocabulary of %d tokens".formatted(what, id, size));
        }
    }
}
