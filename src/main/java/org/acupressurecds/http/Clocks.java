package org.acupressurecds.http;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** "Today" for a request that gives no assessment date, in the service's time zone. */
public class Clocks {

    @Produces
    @Singleton
    Clock systemClock() {
        return Clock.systemDefaultZone();
    }
}
