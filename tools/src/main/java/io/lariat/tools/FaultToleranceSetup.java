package io.lariat.tools;

import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Configures standalone SmallRye Fault Tolerance, once per JVM, so that its threads are daemons.
 *
 * <p>Its timer thread inherits the daemon status of the thread that first uses fault tolerance; started from
 * {@code main}, it keeps a command-line process alive after {@code main} returns. So the timer is started here
 * from a daemon thread, and the executor makes daemon threads. If the application configured SmallRye Fault
 * Tolerance first, its configuration stands.
 */
final class FaultToleranceSetup {

    private static boolean done;

    private FaultToleranceSetup() {
    }

    static synchronized void ensureConfigured() {
        if (done) {
            return;
        }
        done = true;
        try {
            StandaloneFaultTolerance.configure(new DaemonConfiguration());
        } catch (IllegalStateException alreadyConfigured) {
            // the application configured fault tolerance already; that configuration stands
            return;
        }
        Thread starter = Thread.ofPlatform().daemon().name("lariat-fault-tolerance-start")
                .start(StandaloneFaultTolerance::timerAccess);
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting fault tolerance", e);
        }
    }

    private static final class DaemonConfiguration implements Configuration {
        @Override
        public ExecutorService executor() {
            return Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("lariat-fault-tolerance-", 0)
                    .factory());
        }
    }
}
