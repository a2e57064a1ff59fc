package io.lariat.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufWriter;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hyperparameters that would divide by zero or poison every logit are refused with the key named. */
class LlamaConfigTest {

    @TempDir
    Path dir;

    private static GgufWriter valid() {
        return new GgufWriter().put("general.architecture", "llama")
                .putUInt32("llama.context_length", 2048).putUInt32("llama.embedding_length", 8)
                .putUInt32("llama.block_count", 1).putUInt32("llama.feed_forward_length", 16)
                .putUInt32("llama.attention.head_count", 2).putUInt32("llama.attention.head_count_kv", 1)
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .tensor("token_embd.weight", GgmlType.F32, new long[] {8, 4}, new float[32]);
    }

    private LlamaConfig read(GgufWriter writer) {
        Path file = dir.resolve("cfg.gguf");
        writer.write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            return LlamaConfig.fromGguf(gguf);
        }
    }

    @Test
    void readsAValidHeader() {
        assertEquals(new LlamaConfig(8, 16, 1, 2, 1, 4, 4, 2048, 1e-5f, 10000f), read(valid()));
    }

    static Stream<Arguments> hostileHeaders() {
        return Stream.of(
                Arguments.of("zero head count", (UnaryOperator<GgufWriter>) w ->
                        w.putUInt32("llama.attention.head_count", 0),
                        "cfg.gguf: llama.attention.head_count: must be a positive integer up to 2^31-1, got 0"),
                Arguments.of("zero kv head count", (UnaryOperator<GgufWriter>) w ->
                        w.putUInt32("llama.attention.head_count_kv", 0),
                        "cfg.gguf: llama.attention.head_count_kv: must be a positive integer up to 2^31-1, got 0"),
                Arguments.of("zero context length", (UnaryOperator<GgufWriter>) w ->
                        w.putUInt32("llama.context_length", 0),
                        "cfg.gguf: llama.context_length: must be a positive integer up to 2^31-1, got 0"),
                Arguments.of("NaN epsilon", (UnaryOperator<GgufWriter>) w ->
                        w.putFloat32("llama.attention.layer_norm_rms_epsilon", Float.NaN),
                        "cfg.gguf: llama.attention.layer_norm_rms_epsilon: must be a positive finite number, got NaN"),
                Arguments.of("infinite rope base", (UnaryOperator<GgufWriter>) w ->
                        w.putFloat32("llama.rope.freq_base", Float.POSITIVE_INFINITY),
                        "cfg.gguf: llama.rope.freq_base: must be a positive finite number, got Infinity"),
                Arguments.of("block count past int", (UnaryOperator<GgufWriter>) w ->
                        w.putUInt32("llama.block_count", 0xFFFF_FFFFL),
                        "cfg.gguf: llama.block_count: must be a positive integer up to 2^31-1, got 4294967295"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileHeaders")
    void namesTheBadKey(String what, UnaryOperator<GgufWriter> edit, String message) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(edit.apply(valid())));
        assertEquals(message, e.getMessage());
    }
}
