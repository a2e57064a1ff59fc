package io.lariat.cli;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The configurations the server tests start it with; each on the scripted model, with no Python worker kept warm. */
final class ServerProfiles {
    private ServerProfiles() {
    }

    private static Map<String, String> base() {
        Map<String, String> keys = new HashMap<>();
        keys.put("lariat.model", ScriptedServerModel.NAME);
        keys.put("lariat.python.warm-workers", "0");
        return keys;
    }

    /** No model named: the server serves the bundled demo model, as the CLI would. */
    public static class NoModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lariat.python.warm-workers", "0");
        }
    }

    /** Every search and calculator key at its default. */
    public static class Defaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return base();
        }
    }

    /** The local search keys set, and an agent of configuration using the examples' and an application's tools. */
    public static class LocalSearch implements QuarkusTestProfile {
        static final Path INDEX_DIR = freshFolder();
        static final Path FOLDER = Path.of("src/test/resources/server-docs");

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> keys = base();
            keys.put("lariat.search.index-dir", INDEX_DIR.toString());
            keys.put("lariat.search.folders", FOLDER.toString());
            keys.put("lariat.search.sample-corpus", "false");
            keys.put("lariat.search.results", "1");
            keys.put("lariat.agents.desk.tools", "ConciergeTools,io.lariat.cli.DeskTools");
            return keys;
        }

        private static Path freshFolder() {
            try {
                return Files.createTempDirectory("lariat-served-index");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The keys of the web services set (the tests need no network: they show where the calls go). */
    public static class WebServices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> keys = base();
            keys.put("lariat.search.brave-api-key", "test-brave-key");
            keys.put("lariat.calculator.wolfram-app-id", "test-wolfram-app");
            return keys;
        }
    }
}
