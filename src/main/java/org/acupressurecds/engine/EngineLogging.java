package org.acupressurecds.engine;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * Logging where Quarkus has not configured it: the command-line check, benchmarks, plain unit tests. Left alone, the
 * log manager lets every level through, and Drools then formats a trace line, facts and all, for every step of the
 * rule network: most of the time of an evaluation, and patient data in the making.
 */
public final class EngineLogging {

    private EngineLogging() {
    }

    /** INFO and above, as the service logs. */
    public static void asTheServiceDoes() {
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
    }
}
