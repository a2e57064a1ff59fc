package io.lariat.agent.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/**
 * Reads {@link LariatConfig} without starting Quarkus, for the CLI and plain-Java tests.
 *
 * <p>Values are converted exactly as Quarkus does ({@code 30s}, {@code 5m} durations); inside a Quarkus
 * application inject {@link LariatConfig} instead.
 */
public final class LariatConfigs {
    private LariatConfigs() {
    }

    /**
     * The configuration from the given properties, system properties and environment variables, in decreasing
     * priority. Unknown {@code lariat.*} keys are ignored, as in Quarkus (test harnesses set some).
     *
     * @param properties keys such as {@code lariat.context-size}; may be empty
     * @throws io.smallrye.config.ConfigValidationException when a value is invalid, naming the key
     */
    public static LariatConfig fromProperties(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(LariatConfig.class)
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(properties, "lariat-properties", 500))
                .build();
        return config.getConfigMapping(LariatConfig.class);
    }
}
