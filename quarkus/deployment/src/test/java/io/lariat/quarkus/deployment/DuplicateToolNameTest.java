package io.lariat.quarkus.deployment;

import static io.lariat.quarkus.deployment.BuildFailures.failsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.lariat.tools.Tool;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two tool beans declaring the same tool name fail the build. */
class DuplicateToolNameTest {

    @ApplicationScoped
    public static class WeatherTools {
        @Tool("Current weather")
        public String weather(String city) {
            return city;
        }
    }

    @ApplicationScoped
    public static class OtherWeatherTools {
        @Tool(name = "weather", value = "Weather again")
        public String forecast(String city) {
            return city;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest BUILD = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(WeatherTools.class, OtherWeatherTools.class))
            .assertException(failsWith("ToolDefinitionException", "WeatherTools#weather: duplicate tool name 'weather' "
                    + "(also declared by OtherWeatherTools#forecast)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
