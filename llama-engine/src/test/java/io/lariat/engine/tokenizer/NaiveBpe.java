package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The textbook BPE loop (scan all adjacent pairs, merge the lowest rank, leftmost first, repeat) over one
 * pre-tokenized piece, as a slow and obviously correct oracle for differential tests. Like Llama 3, a piece that is
 * itself a token is taken whole.
 */
final class NaiveBpe {

    private NaiveBpe() {
    }

    static int[] encode(Vocabulary vocabulary, String piece) {
        int whole = vocabulary.tokens().indexOf(TinyVocabularies.stored(piece));
        if (whole >= 0) {
            return new int[] {whole};
        }
        List<String> symbols = new ArrayList<>();
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
            symbols.add(String.valueOf(ByteUnicode.charOf(b)));
        }
        while (true) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int rank = vocabulary.merges().indexOf(symbols.get(i) + " " + symbols.get(i + 1));
                if (rank >= 0 && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        return symbols.stream().mapToInt(s -> vocabulary.tokens().indexOf(s)).toArray();
    }
}
