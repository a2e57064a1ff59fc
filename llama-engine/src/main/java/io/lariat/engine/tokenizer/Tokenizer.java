package io.lariat.engine.tokenizer;

import io.lariat.engine.gguf.GgufFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Objects;

/**
 * The tokenizer of a model: text to token ids and back, for Llama 3 byte-level BPE (and, secondarily,
 * SentencePiece vocabularies of the Llama 2 family).
 *
 * <p>{@link #encode} treats its input as ordinary text and never yields a special token, so a literal
 * {@code "<|eot_id|>"} typed by a user stays text (spec §1.2); special tokens enter only through
 * {@link #encodeWithSpecials} or {@link #specialId}. For Llama 3, encoding is the Llama 3 pre-tokenizer split
 * followed by BPE merges over the UTF-8 bytes of each piece; a piece that is itself a token is taken whole, without
 * merging, as Llama 3's tokenizer does ({@code ignore_merges}). For SentencePiece, each fragment of ordinary text
 * gets the space prefix the vocabulary asks for, and decoding keeps it. No BOS is added. Java strings holding
 * unpaired surrogates encode them as {@code '?'}, as {@link String#getBytes} does.
 *
 * <p>Immutable and thread-safe; encoding allocates its scratch space per call.
 */
public final class Tokenizer {

    private final TokenTable tokens;
    private final EncodingModel model;
    private final String[] specialNamesLongestFirst;
    /** First chars of special names, so that scanning text probes the names only where one may start. */
    private final BitSet specialFirstChars = new BitSet();
    private final int bosId;
    private final int eosId;

    private Tokenizer(TokenTable tokens, EncodingModel model, int bosId, int eosId) {
        this.tokens = tokens;
        this.model = model;
        this.specialNamesLongestFirst = tokens.specials().keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toArray(String[]::new);
        for (String name : specialNamesLongestFirst) {
            specialFirstChars.set(name.charAt(0));
        }
        this.bosId = bosId;
        this.eosId = eosId;
    }

    /**
     * Builds the tokenizer of a vocabulary.
     *
     * @throws TokenizerException when the vocabulary is inconsistent: a byte that no token can encode, or a merge
     *         naming a token that does not exist
     */
    public static Tokenizer of(Vocabulary vocabulary) {
        return switch (vocabulary) {
            case BpeVocabulary bpe -> {
                TokenTable table = TokenTable.of(bpe, id -> BpeModel.storedBytes(bpe.tokens().get(id)));
                yield new Tokenizer(table, BpeModel.of(bpe, table), bpe.bosId(), bpe.eosId());
            }
            case SentencePieceVocabulary spm -> new Tokenizer(
                    TokenTable.of(spm, id -> SentencePieceModel.tokenBytes(spm, id)), SentencePieceModel.of(spm),
                    spm.bosId(), spm.eosId());
        };
    }

    /**
     * Builds the tokenizer of a GGUF file's vocabulary (see {@link Vocabulary#fromGguf} for what is supported).
     *
     * @throws TokenizerException when the file holds no vocabulary or one this tokenizer does not support
     */
    public static Tokenizer fromGguf(GgufFile file) {
        return of(Vocabulary.fromGguf(file));
    }

    /** Encodes ordinary text; special-token names in it become ordinary tokens. */
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 4 + 4);
        appendOrdinary(text, out);
        return out.toArray();
    }

    /**
     * Encodes text in which special-token names (such as {@code <|eot_id|>}) stand for their ids; the text
     * between them is encoded as by {@link #encode}. Where names overlap, the longest one at a position wins.
     */
    public int[] encodeWithSpecials(String text) {
        IntList out = new IntList(text.length() / 4 + 4);
        int fragmentStart = 0;
        int i = 0;
        while (i < text.length()) {
            String name = specialAt(text, i);
            if (name == null) {
                i++;
                continue;
            }
            appendOrdinary(text.substring(fragmentStart, i), out);
            out.add(tokens.specials().get(name));
            i += name.length();
            fragmentStart = i;
        }
        appendOrdinary(text.substring(fragmentStart), out);
        return out.toArray();
    }

    /**
     * The id of the special token with this literal name.
     *
     * @throws IllegalArgumentException when no special token has this name
     */
    public int specialId(String name) {
        Integer id = tokens.specials().get(Objects.requireNonNull(name, "name"));
        if (id == null) {
            throw new IllegalArgumentException("no special token named " + name);
        }
        return id;
    }

    /**
     * Whether {@code id} is a special (control or user-defined) token.
     *
     * @throws IllegalArgumentException when {@code id} is outside the vocabulary
     */
    public boolean isSpecial(int id) {
        return tokens.isSpecial(checked(id));
    }

    /**
     * The raw bytes of a token (a fresh copy); a special token's bytes are the UTF-8 of its literal name.
     *
     * @throws IllegalArgumentException when {@code id} is outside the vocabulary
     */
    public byte[] tokenBytes(int id) {
        return tokens.bytes(checked(id)).clone();
    }

    /**
     * Decodes ids to text; special ids become their literal names, invalid UTF-8 becomes U+FFFD.
     *
     * @throws IllegalArgumentException when an id is outside the vocabulary
     */
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            out.writeBytes(tokens.bytes(checked(id)));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Number of tokens, special ones included (128 256 for Llama 3). */
    public int vocabSize() {
        return tokens.size();
    }

    /** The beginning-of-text id, or -1 when the vocabulary has none. */
    public int bosId() {
        return bosId;
    }

    /** The end-of-text id the vocabulary declares, or -1. */
    public int eosId() {
        return eosId;
    }

    /** Shared bytes of a token for {@link Utf8StreamDecoder}; never modified. */
    byte[] bytesView(int id) {
        return tokens.bytes(checked(id));
    }

    /** Encodes a fragment of ordinary text: the whole input, or text between special tokens. */
    private void appendOrdinary(String text, IntList out) {
        if (!text.isEmpty()) {
            model.encode(text, out);
        }
    }

    private String specialAt(String text, int i) {
        if (!specialFirstChars.get(text.charAt(i))) {
            return null;
        }
        for (String name : specialNamesLongestFirst) {
            if (text.startsWith(name, i)) {
                return name;
            }
        }
        return null;
    }

    private int checked(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token id %d outside the vocabulary of %d tokens"
                    .formatted(id, tokens.size()));
        }
        return id;
    }
}
