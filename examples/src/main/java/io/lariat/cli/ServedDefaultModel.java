package io.lariat.cli;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.config.LariatConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The model {@code lariat serve} serves when none is named, as {@code lariat agent} chooses it: {@code --model}
 * ({@code lariat.model}, {@code LARIAT_MODEL}), else the bundled demo model ({@link DemoModel#find}, the CLI's
 * fallback); a remote model ({@code lariat.remote.url}) needs none, and without a demo model the server still starts
 * for requests naming stored models. Start-up logs one line naming the model served.
 */
@ApplicationScoped
public class ServedDefaultModel {
    private static final Logger LOG = Logger.getLogger(ServedDefaultModel.class);

    /** Runs before the served models preload the default model. */
    void choose(@Observes @Priority(2) StartupEvent start, AgentRuntime runtime, LariatConfig config) {
        if (config.model().isPresent()) {
            LOG.infof("serving model %s (lariat.model)", config.model().get());
        } else if (config.remote().url().isPresent()) {
            LOG.infof("serving model %s of %s (lariat.remote.url)", config.remote().model(),
                    config.remote().url().get());
        } else {
            DemoModel.find(Path.of(System.getProperty("user.home"))).ifPresentOrElse(demo -> {
                runtime.fallbackModel(demo.toString());
                LOG.infof("serving the bundled demo model %s: no --model or lariat.model was given", demo);
            }, () -> LOG.info("serving no default model: no --model or lariat.model was given and this build "
                    + "bundles no demo model; requests name stored models"));
        }
    }
}
