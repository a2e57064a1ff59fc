package io.lariat.prompts.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sampling stays honest under a grammar: with the greedy sampler, each constrained step picks the highest-scoring
 * token among those whose bytes continue the output (found here token by token with the byte-level automaton, not
 * with the trie walk and caches the masks come from).
 */
class GreedyConstrainedTest {
    private static final String SCHEMA = """
            {"type":"object","properties":{"name":{"type":"string","maxLength":12},
             "tags":{"type":"array","items":{"enum":["a","bc","def"]},"maxItems":3},
             "n":{"type":"integer","minimum":-5,"maximum":500}},"required":["name","n"],
             "additionalProperties":false}""";

    @Test
    void greedyPicksTheHighestScoringValidTokenAtEveryStep() throws Exception {
        Tokenizer tokenizer = SmallVocabulary.get();
        int eot = ConstrainedRuns.eot(tokenizer);
        JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(new ObjectMapper().readTree(SCHEMA));
        for (long seed = 1; seed <= 3; seed++) {
            TokenConstraint.Matcher matcher = grammar.constraint(tokenizer, eot).start();
            List<Stack> stacks = grammar.start();
            Sampler greedy = new Sampler(SamplingOptions.greedy());
            SplittableRandom random = new SplittableRandom(seed);
            int steps = 0;
            while (steps < 120) {
                float[] logits = randomLogits(random, tokenizer.vocabSize(), eot);
                int expected = bestValid(logits, stacks, tokenizer, eot);
                int id = greedy.sample(logits.clone(), new int[0], 0, matcher);
                assertEquals(expected, id, "seed " + seed + ", step " + steps);
                steps++;
                if (id == eot) {
                    break;
                }
                stacks = Stacks.advance(stacks, tokenizer.tokenBytes(id));
            }
            assertTrue(steps < 120, "seed " + seed + " did not finish its document");
        }
    }

    /** A stand-in model: random scores, with the stop id likely once allowed so that documents end. */
    private static float[] randomLogits(SplittableRandom random, int size, int eot) {
        float[] logits = new float[size];
        for (int i = 0; i < size; i++) {
            logits[i] = (float) random.nextDouble() * 10;
        }
        logits[eot] = 9.5f;
        return logits;
    }

    /** The reference: the highest logit among tokens the automaton accepts byte by byte (lowest id on ties). */
    private static int bestValid(float[] logits, List<Stack> stacks, Tokenizer tokenizer, int eot) {
        int best = -1;
        for (int id = 0; id < logits.length; id++) {
            boolean valid = id == eot ? Stacks.accepting(stacks)
                    : !tokenizer.isSpecial(id) && tokenizer.tokenBytes(id).length > 0
                    && !Stacks.advance(stacks, tokenizer.tokenBytes(id)).isEmpty();
            if (valid && (best < 0 || logits[id] > logits[best])) {
                best = id;
            }
        }
        return best;
    }
}
