package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Encodes one pre-tokenized piece: a single probe when the piece is itself a token, byte-level BPE otherwise.
 * Holds a scratch {@link BytePairEncoder}: not thread-safe, one per encode call.
 */
final class PieceEncoder {

    private final TokenTable tokens;
    private final BytePairEncoder bpe;

    PieceEncoder(TokenTable tokens, MergeTable merges) {
        this.tokens = tokens;
        this.bpe = new BytePairEncoder(merges, tokens.byteIds());
    }

    /** Appends the ids of {@code piece} to {@code out}. */
    void encode(String piece, IntList out) {
        Integer whole = tokens.ordinaryId(piece);
        if (whole != null) {
            out.add(whole);
            return;
        }
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        bpe.encode(bytes, bytes.length, out);
    }
}
