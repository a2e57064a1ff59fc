package io.lariat.examples.demo;

import io.lariat.engine.train.TrainingExample;
import io.lariat.engine.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Plain-text copying drills over the everyday words of the tokenizer, mixed into the demo model's training so that
 * no ordinary English or Chinese word is an untrained (all-zero) embedding and copying works for any of them.
 *
 * <p>The words are the tokenizer's own frequent whole-word tokens: the Llama 3 vocabulary orders its merges by
 * frequency, so the ids below {@value #ENGLISH_LIMIT} that spell a space and three or more lower-case letters
 * (" multiply", " pounds", " moon") are the common English words, and the ids below {@value #CHINESE_LIMIT} that
 * spell one to three Han characters are the common Chinese ones. A drill is a line of random such words followed
 * by the same words again ("Words: moon tall pounds\nAgain: moon tall pounds"), the loss taken on the repeated
 * words only: reading the first line trains each id as an input, repeating it trains the id as an output and trains
 * copying. The first line's words are random, so a loss on them could never fall (about ln 7,754 nats a token) and
 * would only add noise to the calls' gradient.
 */
public final class WordDrills {

    /** English word tokens are taken from the ids below this. */
    static final int ENGLISH_LIMIT = 30_000;
    /** Chinese word tokens are taken from the ids below this. */
    static final int CHINESE_LIMIT = 128_000;

    /** The label of an English drill's second line, after which the loss is taken. */
    static final String ENGLISH_AGAIN = "Again: ";
    /** The label of a Chinese drill's second line. */
    static final String CHINESE_AGAIN = "重复：";

    private static final Pattern ENGLISH = Pattern.compile(" [a-z]{3,}");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}{1,3}");

    private final Tokenizer tokenizer;
    private final List<String> english;
    private final List<String> chinese;

    private WordDrills(Tokenizer tokenizer, List<String> english, List<String> chinese) {
        this.tokenizer = tokenizer;
        this.english = List.copyOf(english);
        this.chinese = List.copyOf(chinese);
    }

    /** The drills of {@code tokenizer}'s everyday words. */
    public static WordDrills of(Tokenizer tokenizer) {
        List<String> english = new ArrayList<>();
        List<String> chinese = new ArrayList<>();
        for (int id = 0; id < Math.min(CHINESE_LIMIT, tokenizer.vocabSize()); id++) {
            if (tokenizer.isSpecial(id)) {
                continue;
            }
            String text = text(tokenizer.tokenBytes(id));
            if (text == null) {
                continue;
            }
            if (id < ENGLISH_LIMIT && ENGLISH.matcher(text).matches()) {
                english.add(text.substring(1));
            } else if (CHINESE.matcher(text).matches() && tokenizer.encode(text).length == 1) {
                chinese.add(text);
            }
        }
        return new WordDrills(tokenizer, english, chinese);
    }

    /** The English words (without their leading space). */
    public List<String> englishWords() {
        return english;
    }

    /** The Chinese words. */
    public List<String> chineseWords() {
        return chinese;
    }

    /** {@code count} drills drawn from {@code seed}; one in five is Chinese. */
    public List<TrainingExample> examples(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(example(drill(random)));
        }
        return out;
    }

    /** One drill's text: a line of random words, then the same words again. */
    String drill(SplittableRandom random) {
        boolean han = !chinese.isEmpty() && random.nextInt(5) == 0;
        List<String> words = han ? chinese : english;
        int n = 6 + random.nextInt(10);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (!han && i > 0) {
                line.append(' ');
            }
            line.append(words.get(random.nextInt(words.size())));
        }
        return han ? "词语：" + line + "\n" + CHINESE_AGAIN + line : "Words: " + line + "\n" + ENGLISH_AGAIN + line;
    }

    /** The drill's ids after BOS; the targets are the tokens that end after the second line's label. */
    private TrainingExample example(String text) {
        int[] body = tokenizer.encode(text);
        int[] ids = new int[body.length + 1];
        ids[0] = tokenizer.bosId();
        System.arraycopy(body, 0, ids, 1, body.length);
        String label = text.contains(ENGLISH_AGAIN) ? ENGLISH_AGAIN : CHINESE_AGAIN;
        int labelEnd = text.substring(0, text.indexOf(label) + label.length()).getBytes(StandardCharsets.UTF_8).length;
        boolean[] target = new boolean[ids.length];
        int bytes = 0;
        for (int i = 1; i < ids.length; i++) {
            bytes += tokenizer.tokenBytes(ids[i]).length;
            target[i] = bytes > labelEnd;
        }
        return new TrainingExample(ids, target);
    }

    /** The token's text, or null when its bytes are not whole UTF-8 characters. */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
