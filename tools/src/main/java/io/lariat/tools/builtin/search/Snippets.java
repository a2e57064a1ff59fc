package io.lariat.tools.builtin.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Picks the passage of a document that best answers a query (passage retrieval): each sentence scores the distinct
 * (stemmed) query terms it shares, plus a bonus when, beside the question's own words, it holds the kind of answer
 * the question asks for ({@link AnswerCues}: a measurement, a date, a number, a name); the first best sentence is
 * extended with the following ones up to about 240 characters. Stateless.
 */
final class Snippets {

    private static final int TARGET = 240;
    private static final int MAX = 320;

    private Snippets() {
    }

    /**
     * Score of a sentence holding the kind of answer asked for; larger than any count of shared terms, so that
     * among the sentences that answer, the shared terms decide.
     */
    private static final double CUE_BONUS = 100;

    static String best(String body, String query, Analyzer analyzer) {
        List<String> sentences = List.of(body.split("(?<=[.!?])\\s+|\\n+"));
        Set<String> terms = terms(query, analyzer);
        List<AnswerCues> cues = AnswerCues.askedFor(query);
        Pattern queryWords = AnswerCues.wordsOf(query);
        int best = 0;
        double bestScore = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> found = terms(sentences.get(i), analyzer);
            found.retainAll(terms);
            String rest = queryWords.matcher(sentences.get(i)).replaceAll(" ");
            double score = found.size() + cues.stream().filter(cue -> cue.answeredBy(rest)).count() * CUE_BONUS;
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        StringBuilder snippet = new StringBuilder(sentences.get(best).strip());
        for (int j = best + 1; snippet.length() < TARGET && j < sentences.size(); j++) {
            // a heading or list line has no full stop; add one so it does not run into the next sentence
            String next = sentences.get(j).strip();
            if (!snippet.isEmpty()) {
                snippet.append(".!?:;,".indexOf(snippet.charAt(snippet.length() - 1)) >= 0 ? " " : ". ");
            }
            snippet.append(next);
        }
        return cut(snippet.toString());
    }

    private static String cut(String text) {
        if (text.length() <= MAX) {
            return text;
        }
        int space = text.lastIndexOf(' ', MAX - 1);
        return text.substring(0, space > TARGET / 2 ? space : MAX - 1) + "…";
    }

    private static Set<String> terms(String text, Analyzer analyzer) {
        Set<String> terms = new HashSet<>();
        try (TokenStream stream = analyzer.tokenStream(SearchIndex.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory failed", e);
        }
        return terms;
    }
}
