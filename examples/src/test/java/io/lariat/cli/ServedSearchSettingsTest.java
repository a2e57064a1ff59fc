package io.lariat.cli;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.agent.AgentRuntime;
import io.lariat.tools.ToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each {@code lariat.search.*} key of the local index, and {@code lariat.agents.<name>.tools}, changes what the
 * server's agents do (the defaults are in {@link ServedExamplesTest}).
 */
@QuarkusTest
@TestProfile(ServerProfiles.LocalSearch.class)
class ServedSearchSettingsTest {

    @Inject
    AgentRuntime runtime;

    private JsonNode search(String query) throws IOException {
        ToolResult result = ServedTools.call(runtime, "researcher", "brave_search",
                "{\"query\": \"" + query + "\"}");
        assertFalse(result.error(), result.content());
        return new ObjectMapper().readTree(result.content());
    }

    @Test
    void foldersAreIndexedAndSearched() throws IOException {
        JsonNode results = search("barn owl facial disc");
        assertTrue(results.get(0).get("url").asText().endsWith("barn-owls.md"), results.toString());
    }

    @Test
    void resultsLimitsEachSearch() throws IOException {
        // both documents match "owls hunt"; lariat.search.results=1 keeps one
        assertEquals(1, search("owls hunt").size());
    }

    @Test
    void sampleCorpusFalseLeavesTheBundledDocumentsOut() throws IOException {
        for (JsonNode result : search("first ascent of Mount Everest")) {
            assertFalse(result.get("url").asText().contains("mount-everest"), result.toString());
        }
    }

    @Test
    void indexDirHoldsTheLuceneIndex() throws IOException {
        search("snowy owl");
        try (Stream<java.nio.file.Path> files = Files.list(ServerProfiles.LocalSearch.INDEX_DIR)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("segments_")),
                    "no Lucene commit in " + ServerProfiles.LocalSearch.INDEX_DIR);
        }
    }

    @Test
    void agentToolsFindTheExamplesAndTheApplicationsToolBeans() {
        given().get("/agents").then().statusCode(200)
                .body("find { it.name == 'desk' }.tools.name", contains("convert_units", "lookup_order", "desk_hours"));
        ToolResult hours = ServedTools.call(runtime, "desk", "desk_hours", "{\"weekday\": \"Sunday\"}");
        assertEquals("closed", hours.content());
    }
}
