package io.lariat.prompts.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.engine.tokenizer.Tokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 200 random schemas, each generating under its constraint over a cut of the real Llama 3.1 vocabulary with a random
 * stand-in model: every run ends, every run that stopped parses as strict JSON and validates against its schema.
 */
class GrammarPropertyTest {
    // keys outside 'properties' may repeat (documented on JsonSchemaGrammar); declared ones never do
    private static final ObjectMapper STRICT = new ObjectMapper();
    private static final int MAX_TOKENS = 160;

    @Test
    void everyConstrainedOutputParsesAndValidates() throws Exception {
        Tokenizer tokenizer = SmallVocabulary.get();
        RandomSchemas schemas = new RandomSchemas(17);
        int stopped = 0;
        for (int i = 0; i < 200; i++) {
            ObjectNode schema = schemas.next();
            JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(schema);
            ConstrainedRuns.Run run = ConstrainedRuns.run(grammar.constraint(tokenizer, ConstrainedRuns.eot(tokenizer)),
                    tokenizer, i, MAX_TOKENS);
            assertTrue(run.tokens() <= MAX_TOKENS);
            if (run.stopped()) {
                stopped++;
                JsonNode value = STRICT.readTree(run.text());
                assertEquals(List.of(), SchemaValidator.problems(schema, value), schema + " produced " + run.text());
            }
        }
        // the stand-in model prefers to finish, so most runs complete their document within the budget (178 with
        // these seeds); the rest end at the token limit, as valid prefixes (the matcher refuses anything else)
        assertTrue(stopped >= 170, "only " + stopped + " of 200 runs completed");
    }
}
