package org.acupressurecds.engine;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Tests that run rules without Quarkus log as the service does (EngineLogging); a Quarkus test then sets its own. */
public class QuietEngineLogging implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        EngineLogging.asTheServiceDoes();
    }
}
