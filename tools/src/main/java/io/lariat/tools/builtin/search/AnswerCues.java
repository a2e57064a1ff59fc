package io.lariat.tools.builtin.search;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What kind of answer a question asks for, and whether a sentence holds one: "how tall is Mount Everest?" asks for
 * a measurement, "when was ..." for a date, "how many ..." for a number, "who ..." for a name.
 *
 * <p>Why: a question and the sentence that answers it often share no word ("tall" against "its height as 8,848.86
 * metres"), so passage retrieval by shared terms alone picks the sentence that repeats the question instead of the
 * one that answers it. Stateless.
 */
enum AnswerCues {
    MEASUREMENT("\\bhow\\s+(?:tall|high|long|far|deep|big|large|heavy|wide|fast|hot|cold|old)\\b|\\b(?:height|"
            + "elevation|length|distance|depth|size|weight|speed|temperature|diameter|altitude|area|mass)\\b",
            "\\d[\\d,.]*\\s*(?:%|°|[a-zµ]*(?:metres?|meters?|km|kilomet|miles?|feet|ft|kg|tonnes?|tons?|grams?|"
                    + "degrees?|celsius|fahrenheit|kelvin|light|years?|hours?|seconds?|mph|km/h|square|m\\b|cm|mm))"),
    DATE("\\bwhen\\b|\\bwhat\\s+(?:year|date|day|century)\\b|\\bin\\s+which\\s+year\\b|\\bfounded\\b|\\bborn\\b",
            "\\b(?:1[0-9]|20)\\d{2}\\b|\\b(?:january|february|march|april|may|june|july|august|september|october|"
                    + "november|december)\\b|\\bcentury\\b"),
    COUNT("\\bhow\\s+(?:many|much)\\b|\\bnumber\\s+of\\b|\\bpopulation\\b|\\bcount\\b",
            "\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|thousand|million|"
                    + "billion)\\b"),
    PERSON("\\bwho\\b|\\bwhose\\b", "\\b[A-Z][a-z]+\\s+[A-Z][a-z]+\\b");

    private final Pattern question;
    private final Pattern answer;

    AnswerCues(String question, String answer) {
        this.question = Pattern.compile(question, Pattern.CASE_INSENSITIVE);
        this.answer = Pattern.compile(answer, this.name().equals("PERSON") ? 0 : Pattern.CASE_INSENSITIVE);
    }

    /** The kinds of answer {@code query} asks for. */
    static List<AnswerCues> askedFor(String query) {
        return Arrays.stream(values()).filter(cue -> cue.question.matcher(query).find()).toList();
    }

    /** A pattern of the words of {@code query}, so a sentence's answer is looked for beside them. */
    static Pattern wordsOf(String query) {
        String words = Arrays.stream(query.split("[^\\p{L}\\p{N}]+")).filter(w -> w.length() > 1)
                .map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile(words.isEmpty() ? "(?!)" : "\\b(?:" + words + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    /** Whether {@code sentence} (with the question's words removed) holds an answer of this kind. */
    boolean answeredBy(String sentence) {
        return answer.matcher(sentence).find();
    }
}
