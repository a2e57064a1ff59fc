package io.lariat.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.QuarkusDevModeTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Dev UI card in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): the agents
 * page shows the tools' JSON Schemas, and the chat panel runs an agent on a scripted model and shows its tool call,
 * the tool's result and the answer. Screenshots go to {@code target/dev-ui-*.png}. Skipped where Chromium is absent.
 */
class DevUiTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(DevUiShopTools.class, DevUiShopAgent.class, DevUiReplayModel.class)
                    .addAsResource(new StringAsset("lariat.model=replay:shop\n"
                            + "quarkus.http.port=" + PORT + "\n"
                            + "smallrye.config.mapping.validate-unknown=false\n"), "application.properties"));

    /** Finds the first element matching a CSS selector anywhere in the page, shadow roots included. */
    private static final String DEEP_QUERY = """
            const deep = (root, selector) => {
              const hit = root.querySelector(selector);
              if (hit) return hit;
              for (const element of root.querySelectorAll('*')) {
                if (element.shadowRoot) {
                  const found = deep(element.shadowRoot, selector);
                  if (found) return found;
                }
              }
              return null;
            };
            """;

    @Test
    void agentsPageShowsSchemasAndChatShowsToolCallsAsTheyHappen() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is absent: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            String base = "http://localhost:" + PORT + "/q/dev-ui/lariat-quarkus/";
            browser.get(base + "agents");
            String schema = (String) waitFor(browser, "const a = deep(document, 'qwc-lariat-agents');"
                    + " const pre = a && a.shadowRoot"
                    + " && a.shadowRoot.querySelector('[data-tool=\"lookup_order\"] pre');"
                    + " return pre ? pre.textContent : null;");
            assertTrue(schema.contains("\"id\""), schema);
            screenshot(browser, "dev-ui-agents.png");

            browser.get(base + "chat");
            waitFor(browser, "const c = deep(document, 'qwc-lariat-chat');"
                    + " return c && c.shadowRoot && c.shadowRoot.querySelector('#send') ? true : null;");
            browser.executeScript(DEEP_QUERY + "const root = deep(document, 'qwc-lariat-chat').shadowRoot;"
                    + " const agent = root.querySelector('#agent'); agent.value = 'shop';"
                    + " agent.dispatchEvent(new Event('change'));"
                    + " root.querySelector('#message').value = 'Where is order A-1?';"
                    + " root.querySelector('#send').click();");
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) waitFor(browser, "const root = deep(document, 'qwc-lariat-chat')"
                    + ".shadowRoot; if (!root.querySelector('.answer.final')) return null;"
                    + " return ['.tool-call', '.tool-result', '.answer.final']"
                    + ".map(s => root.querySelector(s).textContent.trim());");
            assertEquals(List.of("→ lookup_order({\"id\":\"A-1\"})", "← lookup_order: A-1: shipped",
                    DevUiReplayModel.ANSWER), shown);
            screenshot(browser, "dev-ui-chat.png");

            browser.get(base + "models");
            waitFor(browser, "const m = deep(document, 'qwc-lariat-models'); if (!m || !m.shadowRoot) return null;"
                    + " return m.shadowRoot.querySelector('table') || m.shadowRoot.querySelector('p') ? true : null;");
            screenshot(browser, "dev-ui-models.png");
        } finally {
            browser.quit();
        }
    }

    private static Object waitFor(ChromeDriver browser, String script) {
        return new WebDriverWait(browser, Duration.ofMinutes(2)).pollingEvery(Duration.ofMillis(250))
                .until(driver -> ((JavascriptExecutor) driver).executeScript(DEEP_QUERY + script));
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
