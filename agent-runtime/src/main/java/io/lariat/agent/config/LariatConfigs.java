package io.lariat.agent.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;

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
     * The configuration from the given properties, then system properties, environment variables and the
     * classpath's configuration files, in decreasing priority: what the CLI reads. Unknown {@code lariat.*} keys are
     * ignored, as in Quarkus (test harnesses set some).
     *
     * @param properties keys such as {@code lariat.context-size}; may be empty
     * @throws io.smallrye.config.ConfigValidationException when a value is invalid, naming the key
     */
    public static LariatConfig fromProperties(Map<String, String> properties) {
        return build(new SmallRyeConfigBuilder().addDefaultSources(), properties);
    }

    /**
     * The configuration from system properties, then the environment variables {@code env} ({@code LARIAT_KV_*}
     * for {@code lariat.kv.*}), then the defaults: what a CLI command reads, with {@code env} the process
     * environment (a test's own map in tests).
     *
     * @throws io.smallrye.config.ConfigValidationException when a value is invalid, naming the key
     */
    public static LariatConfig fromEnvironment(Map<String, String> env) {
        return build(new SmallRyeConfigBuilder().withSources(new SysPropConfigSource(),
                new EnvConfigSource(env, EnvConfigSource.ORDINAL)), Map.of());
    }

    /**
     * The configuration from exactly the given properties and the defaults, ignoring the environment: for embedding
     * Lariat in another program, and for tests.
     *
     * @throws io.smallrye.config.ConfigValidationException when a value is invalid, naming the key
     */
    public static LariatConfig of(Map<String, String> properties) {
        return build(new SmallRyeConfigBuilder(), properties);
    }

    private static LariatConfig build(SmallRyeConfigBuilder builder, Map<String, String> properties) {
        SmallRyeConfig config = builder
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(LariatConfig.class)
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(properties, "lariat-properties", 500))
                .build();
        return config.getConfigMapping(LariatConfig.class);
    }
}
