package io.lariat.tools.builtin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolOptions;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.ToolResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SearchToolTest {

    private static ToolResult search(ToolRegistry registry, String query) {
        return registry.invoke(BuiltinTools.SEARCH, JsonNodeFactory.instance.objectNode().put("query", query),
                ToolContext.standalone()).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void localSearchReturnsPythonJsonList() {
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.indexSamples();
            ToolRegistry registry = ToolRegistry.builder().builtin(new SearchTool(index, 1)).build();
            assertEquals("[{\"title\": \"Speed of light\", \"url\": \"samples/speed-of-light.md\", \"snippet\": "
                    + "\"The speed of light in vacuum, written c, is exactly 299,792,458 metres per second. Since "
                    + "1983 the metre has been defined as the distance light travels in vacuum in 1/299,792,458 of "
                    + "a second, which makes the value exact by definition. Light takes about 8 minutes and 20 "
                    + "seconds to travel from the Sun to the Earth, and…\"}]",
                    search(registry, "speed of light in vacuum").content());
            assertEquals("[]", search(registry, "zyxwvut").content());
        }
    }

    @Test
    void braveBackendSendsKeyAndCleansResults() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/res/v1/web/search", exchange -> {
            seen.add(exchange.getRequestURI().getRawQuery() + " " + exchange.getRequestHeaders()
                    .getFirst("X-Subscription-Token"));
            byte[] body = """
                    {"type":"search","web":{"results":[
                      {"title":"Gold price &amp; charts","url":"https://example.com/gold",
                       "description":"The <strong>price</strong> of gold today is &#36;2,400 per ounce."},
                      {"title":"Second","url":"https://example.com/2","description":"More."}]}}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/res/v1/web/search");
            BraveSearchClient client = new BraveSearchClient("KEY-1", endpoint, HttpClient.newHttpClient(),
                    Duration.ofSeconds(5));
            ToolRegistry registry = ToolRegistry.builder().builtin(new BraveSearchTool(client, 2))
                    .options(ToolOptions.builder().maxRetries(0).build()).build();
            assertEquals("[{\"title\": \"Gold price & charts\", \"url\": \"https://example.com/gold\", \"snippet\": "
                    + "\"The price of gold today is $2,400 per ounce.\"}, {\"title\": \"Second\", \"url\": "
                    + "\"https://example.com/2\", \"snippet\": \"More.\"}]", search(registry, "gold price").content());
            assertEquals(List.of("q=gold+price&count=2 KEY-1"), seen);
        } finally {
            server.stop(0);
        }
    }
}
