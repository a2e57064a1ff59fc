package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The textbook BPE loop (scan all adjacent pairs, merge the lowest rank, leftmost first, repeat) over one
 * pre-tokenized piece, as a slow and obviously correct oracle for differential tests. Like Llama 3, a piece that is
 * itself a token is taken whole.
 */
final class NaiveBpe {

    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();

    NaiveBpe(BpeVocabulary vocabulary) {
        for (int rank = vocabulary.merges().size() - 1; rank >= 0; rank--) {
            ranks.put(vocabulary.merges().get(rank), rank);
        }
        for (int id = vocabulary.tokens().size() - 1; id >= 0; id--) {
            if (!vocabulary.isSpecial(id)) {
                ids.put(vocabulary.tokens().get(id), id);
            }
        }
    }

    int[] encode(String piece) {
        String stored = TinyVocabularies.stored(piece);
        if (ids.containsKey(stored)) {
            return new int[] {ids.get(stored)};
        }
        List<String> symbols = new ArrayList<>();
        for (char c : stored.toCharArray()) {
            symbols.add(String.valueOf(c));
        }
        while (true) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int rank = ranks.getOrDefault(symbols.get(i) + " " + symbols.get(i + 1), Integer.MAX_VALUE);
                if (rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        return symbols.stream().mapToInt(ids::get).toArray();
    }

    /** Splits {@code text} with the Llama 3 pattern and encodes each piece. */
    int[] encodeText(String text) {
        List<Integer> out = new ArrayList<>();
        for (String piece : Llama3SplitterTest.split(text)) {
            for (int id : encode(piece)) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
