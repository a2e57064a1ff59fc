package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.gguf.GgufMetadata;
import io.lariat.engine.gguf.GgufValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final List<String> TOKENS = TinyVocabularies.withMerges(List.of("h+i"), List.of()).tokens();

    @Test
    void readsTokensMergesTypesAndSpecialIdsFromMetadata() {
        Map<String, GgufValue> values = gpt2("llama-bpe");
        int[] types = new int[TOKENS.size()];
        java.util.Arrays.fill(types, Vocabulary.NORMAL);
        types[256] = Vocabulary.CONTROL;
        values.put("tokenizer.ggml.token_type", GgufValue.int32s(types));
        values.put("tokenizer.ggml.bos_token_id", GgufValue.uint32(256));
        values.put("tokenizer.ggml.eos_token_id", GgufValue.uint32(10));
        BpeVocabulary vocabulary = assertInstanceOf(BpeVocabulary.class,
                Vocabularies.fromMetadata(GgufMetadata.of(values), "test.gguf"));
        assertEquals(TOKENS, vocabulary.tokens());
        assertEquals(List.of("h i"), vocabulary.merges());
        assertArrayEquals(types, vocabulary.tokenTypes());
        assertEquals(256, vocabulary.bosId());
        assertEquals(10, vocabulary.eosId());
    }

    @Test
    void missingTypesMeanNormalAndMissingIdsMeanNone() {
        BpeVocabulary vocabulary = assertInstanceOf(BpeVocabulary.class,
                Vocabularies.fromMetadata(GgufMetadata.of(gpt2("llama-bpe")), "test.gguf"));
        assertEquals(Vocabulary.NORMAL, vocabulary.tokenTypes()[256]);
        assertEquals(-1, vocabulary.bosId());
        assertEquals(-1, vocabulary.eosId());
    }

    @Test
    void missingPreTokenizerIsTakenAsLlama3() {
        Map<String, GgufValue> values = gpt2("unused");
        values.remove("tokenizer.ggml.pre");
        Tokenizer tokenizer = Tokenizer.of(Vocabularies.fromMetadata(GgufMetadata.of(values), "old.gguf"));
        assertArrayEquals(new int[] {256, '!'}, tokenizer.encode("hi!"));
    }

    @Test
    void fileWithoutVocabularyIsRejected() {
        var e = assertThrows(TokenizerException.class,
                () -> Vocabularies.fromMetadata(GgufMetadata.of(Map.of()), "weights.gguf"));
        assertEquals("weights.gguf: no tokenizer.ggml.model; the file holds no vocabulary", e.problem());
    }

    @Test
    void otherTokenizerModelsAreRejected() {
        Map<String, GgufValue> values = gpt2("llama-bpe");
        values.put("tokenizer.ggml.model", GgufValue.of("bert"));
        var e = assertThrows(TokenizerException.class,
                () -> Vocabularies.fromMetadata(GgufMetadata.of(values), "bert.gguf"));
        assertEquals("bert.gguf: tokenizer.ggml.model = bert is not supported (only gpt2, byte-level BPE, "
                + "and llama, SentencePiece)", e.getMessage());
    }

    @Test
    void readsSentencePieceScoresAndSpacePrefix() {
        Map<String, GgufValue> values = new LinkedHashMap<>();
        values.put("tokenizer.ggml.model", GgufValue.of("llama"));
        values.put("tokenizer.ggml.tokens", GgufValue.strings(List.of("<unk>", "<s>", "\u2581hi")));
        values.put("tokenizer.ggml.scores", GgufValue.float32s(0f, 0f, -1.5f));
        values.put("tokenizer.ggml.token_type", GgufValue.int32s(Vocabulary.UNKNOWN, Vocabulary.CONTROL, Vocabulary.NORMAL));
        values.put("tokenizer.ggml.add_space_prefix", GgufValue.of(false));
        values.put("tokenizer.ggml.bos_token_id", GgufValue.uint32(1));
        SentencePieceVocabulary vocabulary = assertInstanceOf(SentencePieceVocabulary.class,
                Vocabularies.fromMetadata(GgufMetadata.of(values), "llama2.gguf"));
        assertArrayEquals(new float[] {0f, 0f, -1.5f}, vocabulary.scores());
        assertFalse(vocabulary.addSpacePrefix());
        assertEquals(1, vocabulary.bosId());
        assertTrue(vocabulary.isSpecial(1));
    }

    @Test
    void otherPreTokenizersAreRejected() {
        var e = assertThrows(TokenizerException.class,
                () -> Vocabularies.fromMetadata(GgufMetadata.of(gpt2("qwen2")), "qwen.gguf"));
        assertEquals("qwen.gguf: tokenizer.ggml.pre = qwen2 is not supported (only llama-bpe, Llama 3)",
                e.getMessage());
    }

    @Test
    void inconsistentComponentsAreRejected() {
        var types = assertThrows(TokenizerException.class,
                () -> new BpeVocabulary(List.of("a", "b"), List.of(), new int[] {1}, -1, -1));
        assertEquals("1 token types for 2 tokens", types.getMessage());
        var bos = assertThrows(TokenizerException.class,
                () -> new BpeVocabulary(List.of("a", "b"), List.of(), new int[] {1, 1}, 2, -1));
        assertEquals("bos id 2 outside the vocabulary of 2 tokens", bos.getMessage());
    }

    private static Map<String, GgufValue> gpt2(String pre) {
        Map<String, GgufValue> values = new LinkedHashMap<>();
        values.put("tokenizer.ggml.model", GgufValue.of("gpt2"));
        values.put("tokenizer.ggml.pre", GgufValue.of(pre));
        values.put("tokenizer.ggml.tokens", GgufValue.strings(TOKENS));
        values.put("tokenizer.ggml.merges", GgufValue.strings(List.of("h i")));
        return values;
    }
}
