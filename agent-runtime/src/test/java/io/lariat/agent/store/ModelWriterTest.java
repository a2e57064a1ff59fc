package io.lariat.agent.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modelfiles, {@code create} and {@code cp} into Lariat's store. */
class ModelWriterTest {
    private static final String MODELFILE = """
            # a comment
            FROM ./weights.gguf
            SYSTEM You are terse.
            parameter temperature 0.2
            PARAMETER stop "<|eot_id|>"
            PARAMETER stop <|eom_id|>
            PARAMETER num_ctx 4096
            TEMPLATE \"""{{ .System }}
            {{ .Prompt }}\"""
            LICENSE \"""line one
            line two\"""
            """;

    @TempDir
    Path home;
    private final List<String> statuses = new ArrayList<>();

    private ModelStores stores() {
        return ModelStores.of(Map.of("LARIAT_MODELS", home.resolve("lariat").toString(), "OLLAMA_MODELS",
                home.resolve("ollama").toString()), home);
    }

    @Test
    void aModelfileParsesEveryInstruction() {
        Modelfile m = Modelfile.parse(MODELFILE);
        assertEquals("./weights.gguf", m.from());
        assertEquals("You are terse.", m.system());
        assertEquals("{{ .System }}\n{{ .Prompt }}", m.template());
        assertEquals(List.of("line one\nline two"), m.licenses());
        assertEquals(List.of(new Modelfile.Parameter("temperature", "0.2"), new Modelfile.Parameter("stop",
                "<|eot_id|>"), new Modelfile.Parameter("stop", "<|eom_id|>"), new Modelfile.Parameter("num_ctx",
                "4096")), m.parameters());
        assertEquals(m, Modelfile.parse(m.render()));
    }

    @Test
    void badModelfilesNameTheLine() {
        assertEquals("Modelfile line 2: unknown instruction 'ADAPTER' (supported: FROM, SYSTEM, PARAMETER, TEMPLATE, "
                + "LICENSE)", assertThrows(ModelStoreException.class,
                () -> Modelfile.parse("FROM x\nADAPTER y")).getMessage());
        assertEquals("Modelfile line 2: TEMPLATE opens a \"\"\" block that is never closed", assertThrows(
                ModelStoreException.class, () -> Modelfile.parse("FROM x\nTEMPLATE \"\"\"a\nb")).getMessage());
        assertEquals("the Modelfile has no FROM line (FROM a model name or a .gguf file)", assertThrows(
                ModelStoreException.class, () -> Modelfile.parse("SYSTEM hi")).getMessage());
        assertEquals("Modelfile line 1: PARAMETER needs a name and a value", assertThrows(
                ModelStoreException.class, () -> Modelfile.parse("PARAMETER temperature\nFROM x")).getMessage());
    }

    @Test
    void createFromAGgufFileWritesOllamasLayers() throws Exception {
        byte[] weights = "GGUF weights".getBytes(StandardCharsets.US_ASCII);
        Files.write(home.resolve("weights.gguf"), weights);
        StoredModel m = new ModelWriter(stores()).create(ModelName.parse("terse"), Modelfile.parse(MODELFILE), home,
                statuses::add);
        assertEquals("registry.ollama.ai/library/terse:latest", m.name().full());
        assertArrayEquals(weights, Files.readAllBytes(m.modelBlob()));
        assertEquals(List.of(Manifest.MODEL_MEDIA_TYPE, Manifest.TEMPLATE_MEDIA_TYPE, Manifest.SYSTEM_MEDIA_TYPE,
                Manifest.PARAMS_MEDIA_TYPE, Manifest.LICENSE_MEDIA_TYPE), m.manifest().layers().stream()
                .map(Manifest.Layer::mediaType).toList());
        assertEquals("{\"temperature\":0.2,\"stop\":[\"<|eot_id|>\",\"<|eom_id|>\"],\"num_ctx\":4096}",
                Files.readString(m.store().blob(m.manifest().layers(Manifest.PARAMS_MEDIA_TYPE).getFirst())));
        assertEquals(Manifest.CONFIG_MEDIA_TYPE, m.manifest().config().mediaType());
        assertEquals(Modelfile.parse(MODELFILE).withFrom(m.modelBlob().toString()), m.modelfile());
        assertEquals(List.of("copying model file weights.gguf", "writing layers", "writing manifest"), statuses);
    }

    @Test
    void createFromAStoredModelKeepsWhatTheModelfileDoesNotSet() throws Exception {
        Files.write(home.resolve("weights.gguf"), "GGUF w".getBytes(StandardCharsets.US_ASCII));
        ModelWriter writer = new ModelWriter(stores());
        writer.create(ModelName.parse("base"), Modelfile.parse(MODELFILE), home, statuses::add);
        StoredModel derived = writer.create(ModelName.parse("me/derived:v1"), Modelfile.parse(
                "FROM base\nSYSTEM You are verbose."), home, statuses::add);
        Modelfile m = derived.modelfile();
        assertEquals("You are verbose.", m.system());
        assertEquals("{{ .System }}\n{{ .Prompt }}", m.template());
        assertEquals(4, m.parameters().size());
        assertEquals(List.of("line one\nline two"), m.licenses());
    }

    @Test
    void createRefusesWhatItCannotStore() throws Exception {
        Files.write(home.resolve("page.gguf"), "<html>".getBytes(StandardCharsets.US_ASCII));
        ModelWriter writer = new ModelWriter(stores());
        assertEquals("FROM " + home.resolve("page.gguf") + " is not a GGUF file (no GGUF magic)", assertThrows(
                ModelStoreException.class, () -> writer.create(ModelName.parse("x"), Modelfile.parse(
                        "FROM page.gguf"), home, statuses::add)).getMessage());
        assertEquals("FROM ghost: not a file, and no stored model has that name", assertThrows(
                ModelStoreException.class, () -> writer.create(ModelName.parse("x"), Modelfile.parse("FROM ghost"),
                        home, statuses::add)).getMessage());
        Files.write(home.resolve("weights.gguf"), "GGUF w".getBytes(StandardCharsets.US_ASCII));
        assertEquals("unknown parameter 'temprature'", assertThrows(ModelStoreException.class,
                () -> writer.create(ModelName.parse("x"), Modelfile.parse("FROM weights.gguf\nPARAMETER temprature 1"),
                        home, statuses::add)).getMessage());
        assertTrue(stores().lariat().list().isEmpty());
    }

    @Test
    void copyBringsAModelOfOllamasStoreIntoLariats() throws Exception {
        Path gguf = Files.writeString(home.resolve("o.gguf"), "GGUFollama");
        FakeStore.add(home.resolve("ollama"), "registry.ollama.ai", "library", "llama3.1", "8b", gguf);
        StoredModel copy = new ModelWriter(stores()).copy(ModelName.parse("llama3.1:8b"), ModelName.parse("mine"));
        assertEquals("lariat", copy.store().label());
        assertEquals("mine:latest", copy.name().display());
        assertEquals("GGUFollama", Files.readString(copy.modelBlob()));
        assertEquals("model 'ghost:latest' not found", assertThrows(ModelStoreException.class,
                () -> new ModelWriter(stores()).copy(ModelName.parse("ghost"), ModelName.parse("x"))).getMessage());
    }
}
