package io.lariat.engine.tokenizer;

import java.util.Random;

/** Seeded pseudo-English prose for throughput measurements: real words, punctuation, numbers and paragraphs. */
final class Prose {

    private static final String[] WORDS = ("the of and to in is was that for it with as his on be at by had are "
            + "but from or have an they which one you were her all she there would their we him been has when who "
            + "will more no if out so said what up its about into than them can only other new some could time "
            + "these two may then do first any my now such like our over man me even most made after also did many "
            + "before must through back years where much your way well down should because each just those people "
            + "how too little state good very make world still own see men work long get here between both life "
            + "being under never day same another know while last might us great old year off come since against "
            + "go came right used take three tokenizer merges vocabulary pre-tokenizer Lariat Llama agent tool "
            + "weather Paris temperature calculation streaming decoder benchmark throughput engineering").split(" ");
    private static final String[] PUNCTUATION = {",", ",", ".", ".", ".", ";", ":", "?", "!", " -", "'s", "'ll"};

    private Prose() {
    }

    /** At least {@code bytes} bytes of ASCII prose, the same for the same length. */
    static String english(int bytes) {
        Random random = new Random(1234);
        StringBuilder sb = new StringBuilder(bytes + 64);
        boolean sentenceStart = true;
        while (sb.length() < bytes) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (sentenceStart) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            sb.append(word);
            sentenceStart = false;
            int roll = random.nextInt(20);
            if (roll < 3) {
                String mark = PUNCTUATION[random.nextInt(PUNCTUATION.length)];
                sb.append(mark);
                sentenceStart = mark.equals(".") || mark.equals("?") || mark.equals("!");
            } else if (roll == 3) {
                sb.append(' ').append(random.nextInt(2030));
            }
            sb.append(roll == 4 && sentenceStart ? "\n\n" : " ");
        }
        return sb.toString();
    }
}
